import Fluent
import Records
import Vapor

/// Teaching assignments of the current year (GVBM): who teaches which subject in which classes.
struct TeachingController: RouteCollection {
    struct Form: Content {
        var teacherID: String?
        var subjectID: String?
        var classIDs: [String]?
    }

    struct Row: Encodable {
        let className: String
        let subjectName: String
        let teacherName: String
        let removePath: String
    }

    struct ClassChoice: Encodable {
        let id: String
        let name: String
        let checked: Bool
    }

    struct Page: Encodable {
        let layout: Layout
        let rows: [Row]
        let canManage: Bool
        let form: FormState
        let teachers: [SelectOption]
        let subjects: [SelectOption]
        let classes: [ClassChoice]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("school", "teaching", use: show)
        routes.post("school", "teaching", use: assign)
        routes.post("school", "teaching", ":id", "remove", use: remove)
    }

    func page(_ req: Request, values: [String: String] = [:], checked: Set<String> = [], problems: FieldProblems = .init()) async throws -> Page {
        let caller = try req.caller()
        let rows = try await req.domain.teaching.list(by: caller).map {
            Row(className: $0.className, subjectName: $0.subjectName, teacherName: $0.teacherName, removePath: Paths.teachingRemove($0.id))
        }
        let teacherIDs = Set(try await req.domain.roles.currentAssignments(by: caller).filter { $0.role == .teacher }.map(\.accountID))
        let teachers = try await req.domain.accounts.list(by: caller).filter { teacherIDs.contains($0.id) && !$0.isDisabled }
            .map { SelectOption(value: $0.id.description, label: $0.name.full, selected: false) }
        let subjects = try await req.domain.subjects.list(by: caller).filter(\.isActive)
            .map { SelectOption(value: $0.id.description, label: "\($0.name) — khối \($0.grade)", selected: false) }
        let classes = try await req.domain.classes.list(by: caller)
            .map { ClassChoice(id: $0.id.description, name: $0.name, checked: checked.contains($0.id.description)) }
        return Page(layout: req.layout("Phân công giảng dạy", active: Paths.teaching), rows: rows, canManage: caller.may(.manageSchool),
                    form: FormState(values: values, problems: problems), teachers: teachers, subjects: subjects, classes: classes)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("school/teaching", page(req))
    }

    @Sendable func assign(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let classIDs = (form.classIDs ?? []).compactMap(ClassID.init)
        do {
            let created = try await req.domain.teaching.assign(teacher: form.teacherID.flatMap(AccountID.init),
                                                               subject: form.subjectID.flatMap(SubjectID.init), classes: classIDs, by: req.caller())
            return req.redirect(to: Paths.teaching, flash: "Đã thêm \(created.count) phân công giảng dạy.")
        } catch let problems as FieldProblems {
            return try await req.render("school/teaching", page(req, values: ["teacherID": form.teacherID ?? "", "subjectID": form.subjectID ?? ""],
                                                                checked: Set(form.classIDs ?? []), problems: problems),
                                        status: .unprocessableEntity)
        }
    }

    @Sendable func remove(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(TeachingAssignmentID.init) else { throw RecordsError.notFound }
        try await req.domain.teaching.remove(id, by: req.caller())
        return req.redirect(to: Paths.teaching, flash: "Đã thôi phân công.")
    }
}
