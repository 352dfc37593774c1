import Fluent
import Foundation
import Records
import Vapor

/// A pupil transferring in: the clerk records the dossier received, chooses the class and writes the register
/// entry in one step; a refusal comes back with every field as typed.
struct TransferInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.transferIn, use: show)
        routes.post(Site.transferIn, use: receive)
        routes.get(Site.pupils, use: pupils)
        routes.get(Site.pupilsXLSX, use: pupilsWorkbook)
    }

    /// The pupils list (it sits with the transfer in: both are the register's pupils as the clerk finds them).
    @Sendable func pupils(req: Request) async throws -> Response {
        let search = String((try? req.query.get(String.self, at: "q")) ?? "").prefix(100)
        let after = try? req.query.get(String.self, at: "after")
        let page = try await PupilDirectory(database: req.db).page(search: String(search), after: after, by: req.caller())
        return try await req.render(
            "register/pupils",
            PupilsPage(page, search: String(search), paged: after != nil, layout: req.layout("Học sinh", active: Site.corrections())))
    }

    @Sendable func pupilsWorkbook(req: Request) async throws -> Response {
        let search = String(((try? req.query.get(String.self, at: "q")) ?? "").prefix(100))
        let lines = try await PupilDirectory(database: req.db).all(search: search, by: req.caller())
        let year = try await req.domain.school.currentYear().name
        return try await XLSXResponse.make("hoc-sinh-\(year).xlsx", on: req) { try RegisterWorkbooks.pupils(lines, yearName: year) }
    }

    func render(_ req: Request, form: TransferInPages.Form? = nil, problems: FieldProblems = .init(), status: HTTPStatus = .ok)
        async throws -> Response
    {
        let caller = try req.caller()
        try caller.require(.writeRegister)
        let year = try await req.domain.school.currentYear()
        let chosen = form?.classID ?? ""
        let classes = try await req.domain.classes.list(by: caller).map {
            SelectOption(value: $0.id.description, label: "Lớp \($0.name)", selected: $0.id.description == chosen)
        }
        let sexes = Sex.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form?.sex) }
        let received = Set(form?.dossier ?? [])
        let page = TransferInPages.Page(
            layout: req.layout("Nhận học sinh chuyển đến", active: Site.corrections()), yearName: year.name, classes: classes,
            sexes: sexes,
            dossier: TransferDossierItem.allCases.map {
                TransferInPages.Check(value: $0.rawValue, label: $0.label, checked: received.contains($0.rawValue))
            }, form: FormState(values: form?.values ?? [:], problems: problems),
            familyLast: FormInput.checked(form?.familyLast), action: Site.transferIn())
        return try await req.render("register/transfer-in", page, status: status)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req)
    }

    @Sendable func receive(req: Request) async throws -> Response {
        let form = try req.content.decode(TransferInPages.Form.self)
        do {
            let student = try await MovementService(database: req.db).transferIn(
                form.pupil, on: FormInput.date(form.date),
                dossier: Set((form.dossier ?? []).compactMap(TransferDossierItem.init(rawValue:))), by: req.caller())
            return req.redirect(to: Site.movements(student), flash: "Đã ghi sổ đăng bộ và xếp lớp cho học sinh chuyển đến.")
        } catch let problems as FieldProblems {
            return try await render(req, form: form, problems: problems, status: .unprocessableEntity)
        }
    }
}
