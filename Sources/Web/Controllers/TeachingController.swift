import Fluent
import Records
import Vapor

/// Teaching assignments of the current year (GVBM): who teaches which subject in which classes.
struct TeachingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.teaching, use: show)
        routes.post(Site.teaching, use: assign)
        routes.post(Site.teachingRemove, use: remove)
    }

    func page(_ req: Request, values: [String: String] = [:], checked: Set<String> = [], problems: FieldProblems = .init()) async throws
        -> TeachingPages.Page
    {
        let caller = try req.caller()
        let rows = try await req.domain.teaching.list(by: caller).map {
            TeachingPages.Row(
                className: $0.className, subjectName: $0.subjectName, teacherName: $0.teacherName, removePath: Site.teachingRemove($0.id))
        }
        let teacherIDs = Set(try await req.domain.roles.currentAssignments(by: caller).filter { $0.role == .teacher }.map(\.accountID))
        let teachers = try await req.domain.accounts.list(by: caller).filter { teacherIDs.contains($0.id) && !$0.isDisabled }
            .map { SelectOption(value: $0.id.description, label: $0.name.full, selected: false) }
        let subjects = try await req.domain.subjects.list(by: caller).filter(\.isActive)
            .map { SelectOption(value: $0.id.description, label: "\($0.name) — khối \($0.grade)", selected: false) }
        let classes = try await req.domain.classes.list(by: caller)
            .map { TeachingPages.ClassChoice(id: $0.id.description, name: $0.name, checked: checked.contains($0.id.description)) }
        return TeachingPages.Page(
            layout: req.layout("Phân công giảng dạy", active: Site.teaching()), rows: rows, canManage: caller.may(.manageSchool),
            form: FormState(values: values, problems: problems), teachers: teachers, subjects: subjects, classes: classes)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("school/teaching", page(req))
    }

    @Sendable func assign(req: Request) async throws -> Response {
        let form = try req.content.decode(TeachingPages.Form.self)
        let classIDs = (form.classIDs ?? []).compactMap(ClassID.init)
        do {
            let created = try await req.domain.teaching.assign(
                teacher: form.teacherID.flatMap(AccountID.init),
                subject: form.subjectID.flatMap(SubjectID.init), classes: classIDs, by: req.caller())
            return req.redirect(to: Site.teaching(), flash: "Đã thêm \(created.count) phân công giảng dạy.")
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/teaching",
                page(
                    req, values: ["teacherID": form.teacherID ?? "", "subjectID": form.subjectID ?? ""],
                    checked: Set(form.classIDs ?? []), problems: problems),
                status: .unprocessableEntity)
        }
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let id = try req.pathValue(TeachingAssignmentID.self)
        try await req.domain.teaching.remove(id, by: req.caller())
        return req.redirect(to: Site.teaching(), flash: "Đã thôi phân công.")
    }
}
