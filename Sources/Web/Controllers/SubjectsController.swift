import Fluent
import Records
import Vapor

/// Subjects and activities per grade (2018 curriculum), editable by managers; never deleted.
struct SubjectsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.subjects, use: list)
        routes.get(Site.subjectsNew, use: new)
        routes.post(Site.subjectsNew, use: create)
        routes.get(Site.subject, use: edit)
        routes.post(Site.subject, use: update)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let caller = try req.caller()
        let grade = (try? req.query.get(Int.self, at: "grade")).flatMap { (1...5).contains($0) ? $0 : nil } ?? 1
        let rows = try await req.domain.subjects.list(grade: grade, by: caller).map { s in
            SubjectsPages.SubjectRow(
                code: s.code, name: s.name, kind: s.kind.label, status: s.status.label, scored: s.isScored,
                periods: s.periodsPerYear, active: s.isActive, editPath: Site.subject(s.id))
        }
        let grades = (1...5).map { SelectOption(value: Site.subjectsOfGrade($0), label: "Khối \($0)", selected: $0 == grade) }
        return try await req.render(
            "school/subjects",
            SubjectsPages.ListPage(
                layout: req.layout("Môn học", active: Site.subjects()), grade: grade, newPath: Site.newSubjectOfGrade(grade),
                grades: grades, subjects: rows, canManage: caller.may(.manageSchool)))
    }

    func formPage(
        _ req: Request, heading: String, action: String, isNew: Bool, values: [String: String],
        problems: FieldProblems = .init()
    ) -> SubjectsPages.FormPage {
        SubjectsPages.FormPage(
            layout: req.layout(heading, active: Site.subjects()), heading: heading, action: action, isNew: isNew,
            form: FormState(values: values, problems: problems),
            grades: (1...5).map { SelectOption(value: String($0), label: "Khối \($0)", selected: values["grade"] == String($0)) },
            kinds: SubjectKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: values["kind"] == $0.rawValue) },
            statuses: SubjectStatus.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: values["status"] == $0.rawValue)
            })
    }

    func draft(_ form: SubjectsPages.Form) -> SubjectDraft {
        SubjectDraft(
            name: form.name ?? "", kind: form.kind.flatMap(SubjectKind.init(rawValue:)) ?? .subject,
            status: form.status.flatMap(SubjectStatus.init(rawValue:)) ?? .compulsory,
            isScored: FormInput.checked(form.isScored), periodsPerYear: FormInput.int(form.periodsPerYear),
            isActive: FormInput.checked(form.isActive))
    }

    func values(_ form: SubjectsPages.Form) -> [String: String] {
        [
            "grade": form.grade ?? "", "code": form.code ?? "", "name": form.name ?? "", "kind": form.kind ?? "",
            "status": form.status ?? "",
            "isScored": FormInput.checked(form.isScored) ? "true" : "", "periodsPerYear": form.periodsPerYear ?? "",
            "isActive": FormInput.checked(form.isActive) ? "true" : "",
        ]
    }

    @Sendable func new(req: Request) async throws -> Response {
        try req.domain.subjects.authorizeManaging(by: req.caller())
        let grade = (try? req.query.get(String.self, at: "grade")) ?? "1"
        return try await req.render(
            "school/subject-form",
            formPage(
                req, heading: "Thêm môn học", action: Site.subjectsNew(), isNew: true,
                values: [
                    "grade": grade, "kind": "subject", "status": "elective",
                    "periodsPerYear": "35", "isActive": "true",
                ]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(SubjectsPages.Form.self)
        do {
            let subject = try await req.domain.subjects.create(
                grade: FormInput.int(form.grade), code: form.code ?? "", draft(form), by: req.caller())
            return req.redirect(to: Site.subjectsOfGrade(subject.grade), flash: "Đã thêm môn \(subject.name) khối \(subject.grade).")
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/subject-form",
                formPage(
                    req, heading: "Thêm môn học", action: Site.subjectsNew(), isNew: true,
                    values: values(form), problems: problems), status: .unprocessableEntity)
        }
    }

    func subjectID(_ req: Request) throws -> SubjectID {
        let id = try req.pathValue(SubjectID.self)
        return id
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.subjects.authorizeManaging(by: caller)
        let s = try await req.domain.subjects.get(subjectID(req), by: caller)
        let values = [
            "grade": String(s.grade), "code": s.code, "name": s.name, "kind": s.kind.rawValue, "status": s.status.rawValue,
            "isScored": s.isScored ? "true" : "", "periodsPerYear": String(s.periodsPerYear), "isActive": s.isActive ? "true" : "",
        ]
        return try await req.render(
            "school/subject-form",
            formPage(
                req, heading: "Sửa môn \(s.name) — khối \(s.grade)",
                action: Site.subject(s.id), isNew: false, values: values))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let caller = try req.caller()
        let id = try subjectID(req)
        let form = try req.content.decode(SubjectsPages.Form.self)
        do {
            let subject = try await req.domain.subjects.update(id, draft(form), by: caller)
            return req.redirect(to: Site.subjectsOfGrade(subject.grade), flash: "Đã lưu môn \(subject.name) khối \(subject.grade).")
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/subject-form",
                formPage(
                    req, heading: "Sửa môn học", action: Site.subject(id), isNew: false,
                    values: values(form), problems: problems), status: .unprocessableEntity)
        }
    }
}
