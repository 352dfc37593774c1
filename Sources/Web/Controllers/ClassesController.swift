import Fluent
import Records
import Vapor

/// Classes of a school year — the current one unless `?year=` names another (next year's grade‑1 classes are made
/// before it starts): list, create, edit (with the homeroom teacher).
struct ClassesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.classes, use: list)
        routes.get(Site.classesNew, use: new)
        routes.post(Site.classesNew, use: create)
        routes.get(Site.classEdit, use: edit)
        routes.post(Site.classEdit, use: update)
    }

    /// Every school year, and the one asked for with `?year=` (or the form's `year`), else the current one.
    func years(_ req: Request, asked text: String? = nil) async throws -> (all: [SchoolYear], chosen: SchoolYear) {
        let asked = (text ?? (try? req.query.get(String.self, at: "year"))).flatMap(SchoolYearID.init)
        let years = try await req.domain.school.years(by: req.caller())
        guard let year = years.first(where: { $0.id == asked }) ?? years.first(where: \.isCurrent) else { throw RecordsError.notSetUp }
        return (years, year)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let caller = try req.caller()
        let (years, year) = try await years(req)
        let rows = try await req.domain.classes.list(year: year.id, by: caller).map { c in
            ClassesPages.ClassRow(
                name: c.name, grade: c.grade, teacher: c.homeroomTeacherName ?? "", room: c.room, capacity: c.capacity,
                multiGrade: c.isMultiGrade, editPath: Site.classEdit(c.id),
                rosterPath: caller.may(.readClass(c.id)) ? Site.roster(c.id) : nil,
                rosterPDFPath: Site.rosterPDF(c.id))
        }
        let options = years.map {
            SelectOption(value: Site.classesOfYear($0.id), label: $0.name + ($0.isCurrent ? " (hiện tại)" : ""), selected: $0.id == year.id)
        }
        return try await req.render(
            "school/classes",
            ClassesPages.ListPage(
                layout: req.layout("Lớp học", active: Site.classes()), yearName: year.name,
                years: options, newPath: Site.classesNew() + "?year=\(year.id)",
                classes: rows, canManage: caller.may(.manageSchool)))
    }

    func formPage(_ req: Request, heading: String, action: String, values: [String: String], problems: FieldProblems = .init()) async throws
        -> ClassesPages.FormPage
    {
        let caller = try req.caller()
        let teachers = try await teacherOptions(req, caller: caller, selected: values["homeroomTeacherID"] ?? "")
        let grades = (1...5).map { SelectOption(value: String($0), label: "Khối \($0)", selected: values["grade"] == String($0)) }
        return ClassesPages.FormPage(
            layout: req.layout(heading, active: Site.classes()), heading: heading, action: action,
            form: FormState(values: values, problems: problems), grades: grades, teachers: teachers)
    }

    /// Staff holding the teacher role this year, sorted the Vietnamese way.
    func teacherOptions(_ req: Request, caller: Caller, selected: String) async throws -> [SelectOption] {
        let teacherIDs = Set(try await req.domain.roles.currentAssignments(by: caller).filter { $0.role == .teacher }.map(\.accountID))
        return try await req.domain.accounts.list(by: caller)
            .filter { teacherIDs.contains($0.id) && !$0.isDisabled }
            .map { SelectOption(value: $0.id.description, label: $0.name.full, selected: $0.id.description == selected) }
    }

    @Sendable func new(req: Request) async throws -> Response {
        try req.domain.classes.authorizeManaging(by: req.caller())
        let year = try await years(req).chosen
        return try await req.render(
            "school/class-form",
            formPage(
                req, heading: "Thêm lớp năm học \(year.name)", action: Site.classesNew(),
                values: ["capacity": "35", "version": "0", "year": year.id.description]))
    }

    func draft(_ form: ClassesPages.Form) -> ClassDraft {
        ClassDraft(
            name: form.name ?? "", grade: FormInput.int(form.grade),
            homeroomTeacherID: form.homeroomTeacherID.flatMap(AccountID.init), room: form.room ?? "",
            capacity: FormInput.int(form.capacity), isMultiGrade: FormInput.checked(form.isMultiGrade))
    }

    func values(_ form: ClassesPages.Form) -> [String: String] {
        [
            "name": form.name ?? "", "grade": form.grade ?? "", "homeroomTeacherID": form.homeroomTeacherID ?? "",
            "room": form.room ?? "", "capacity": form.capacity ?? "", "isMultiGrade": FormInput.checked(form.isMultiGrade) ? "true" : "",
            "version": form.version ?? "0", "year": form.year ?? "",
        ]
    }

    @Sendable func create(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(ClassesPages.Form.self)
        do {
            let year = try await years(req, asked: form.year).chosen
            let created = try await req.domain.classes.create(draft(form), year: year.id, by: caller)
            return req.redirect(to: Site.classesOfYear(year.id), flash: "Đã tạo lớp \(created.name) năm học \(year.name).")
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/class-form",
                formPage(
                    req, heading: "Thêm lớp", action: Site.classesNew(),
                    values: values(form), problems: problems),
                status: .unprocessableEntity)
        }
    }

    func classID(_ req: Request) throws -> ClassID {
        let id = try req.pathValue(ClassID.self)
        return id
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.classes.authorizeManaging(by: caller)
        let id = try classID(req)
        let c = try await req.domain.classes.get(id, by: caller)
        let values = [
            "name": c.name, "grade": String(c.grade), "homeroomTeacherID": c.homeroomTeacherID?.description ?? "",
            "room": c.room, "capacity": String(c.capacity), "isMultiGrade": c.isMultiGrade ? "true" : "",
            "version": String(c.version),
        ]
        return try await req.render(
            "school/class-form", formPage(req, heading: "Sửa lớp \(c.name)", action: Site.classEdit(id), values: values))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let caller = try req.caller()
        let id = try classID(req)
        let form = try req.content.decode(ClassesPages.Form.self)
        do {
            let updated = try await req.domain.classes.update(id, draft(form), version: FormInput.int(form.version) ?? 0, by: caller)
            return req.redirect(to: Site.classesOfYear(updated.yearID), flash: "Đã lưu lớp \(updated.name).")
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/class-form",
                formPage(
                    req, heading: "Sửa lớp", action: Site.classEdit(id),
                    values: values(form), problems: problems),
                status: .unprocessableEntity)
        }
    }
}
