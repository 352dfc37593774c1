import Fluent
import Foundation
import Records
import Vapor

/// A pupil's movements in the school year: change of class, transfer out (the principal's), dropping out, coming
/// back; every form refilled with its problems when refused.
struct MovementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.movements, use: show)
        routes.post(Site.movementClassChange, use: changeClass)
        routes.post(Site.movementLeave, use: leave)
        routes.post(Site.movementReturn, use: comeBack)
        routes.get(Site.transferLetter, use: transferLetter)
    }

    @Sendable func transferLetter(req: Request) async throws -> Response {
        let letter = try await MovementService(database: req.db).transferLetter(of: req.pathValue(StudentID.self), by: req.caller())
        return try await PrintoutsController.pdf(
            RegisterPrintouts.transferLetter(letter, printedOn: SchoolDate(Date())), filename: "giay-gioi-thieu-chuyen-truong.pdf",
            on: req)
    }

    func page(_ req: Request, _ student: StudentID, form: FormState = FormState()) async throws -> MovementsPages.Page {
        let caller = try req.caller()
        let movements = MovementService(database: req.db)
        let pupil = try await req.domain.register.student(student, by: caller)
        let standing = try await movements.standing(of: student, by: caller)
        let history = try await movements.history(of: student, by: caller).map { movement in
            movement.summary + (movement.reason.isEmpty ? "" : " — \(movement.reason)") + " (ghi bởi \(movement.recordedBy))"
        }
        var classes: [SelectOption] = []
        if let standing, caller.may(.writeRegister) {
            classes = try await req.domain.classes.list(by: caller).filter { $0.id != standing.classID }.map {
                SelectOption(value: $0.id.description, label: "Lớp \($0.name)", selected: $0.id.description == form.values["classID"])
            }
        }
        let text: String
        if let standing {
            if let left = standing.leftOn {
                text =
                    "\(standing.leftKind?.label ?? "Rời trường") từ \(left.display) (lớp \(standing.className), năm học \(standing.yearName))"
            } else {
                text = "Đang học lớp \(standing.className), năm học \(standing.yearName)"
            }
        } else {
            text = "Không có trong lớp nào của năm học hiện tại"
        }
        let kinds = [MovementKind.transferOut, .dropOut].filter { $0 != .transferOut || caller.may(.approveCorrections) }.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.values["kind"])
        }
        return MovementsPages.Page(
            layout: req.layout("Chuyển lớp, chuyển trường: \(pupil.name.full)", active: Site.classes()), name: pupil.name.full,
            standing: text, history: history, attending: standing != nil && standing?.leftOn == nil,
            droppedOut: standing?.leftKind == .dropOut, canMove: caller.may(.writeRegister),
            canTransfer: caller.may(.approveCorrections), classes: classes, kinds: kinds, form: form,
            classPath: Site.movementClassChange(student), leavePath: Site.movementLeave(student),
            returnPath: Site.movementReturn(student), entryPath: Site.registerEntry(student),
            letterPath: standing?.leftKind == .transferOut && caller.may(.readRegister) ? Site.transferLetter(student) : "")
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("register/movements", page(req, req.pathValue(StudentID.self)))
    }

    /// Runs `change`; a refusal the user can correct comes back on the page with the form as typed.
    func attempt(_ req: Request, done: String, _ change: (StudentID, MovementsPages.Form, Caller) async throws -> Void) async throws
        -> Response
    {
        let student = try req.pathValue(StudentID.self)
        let form = try req.content.decode(MovementsPages.Form.self)
        do {
            try await change(student, form, try req.caller())
            return req.redirect(to: Site.movements(student), flash: done)
        } catch let problems as FieldProblems {
            return try await req.render(
                "register/movements", page(req, student, form: FormState(values: form.values, problems: problems)),
                status: .unprocessableEntity)
        }
    }

    @Sendable func changeClass(req: Request) async throws -> Response {
        try await attempt(req, done: "Đã ghi chuyển lớp.") { student, form, caller in
            guard let target = form.classID.flatMap(ClassID.init) else { throw FieldProblems("classID", "Vui lòng chọn lớp mới.") }
            try await MovementService(database: req.db).changeClass(
                student, to: target, on: FormInput.date(form.date), reason: form.reason ?? "", by: caller)
        }
    }

    @Sendable func leave(req: Request) async throws -> Response {
        try await attempt(req, done: "Đã ghi học sinh rời trường; học sinh vẫn có trong danh sách lớp của năm học, có ghi chú.") {
            student, form, caller in
            guard let kind = form.kind.flatMap(MovementKind.init(rawValue:)), kind.leaves else {
                throw FieldProblems("kind", "Vui lòng chọn chuyển trường hoặc thôi học.")
            }
            try await MovementService(database: req.db).leave(
                student,
                Departure(kind: kind, date: FormInput.date(form.date), otherSchool: form.otherSchool ?? "", reason: form.reason ?? ""),
                by: caller)
        }
    }

    @Sendable func comeBack(req: Request) async throws -> Response {
        try await attempt(req, done: "Đã ghi học sinh trở lại học.") { student, form, caller in
            try await MovementService(database: req.db).returnToSchool(student, on: FormInput.date(form.date), by: caller)
        }
    }
}
