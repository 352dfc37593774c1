import Admissions
import Fluent
import Records
import Vapor

/// Thường trực tuyển sinh: search, a child's case, applying on the parent's behalf, answers, walk‑in codes, unlocking.
struct DeskController: RouteCollection {
    struct HitRow: Encodable {
        let childName: String
        let birthDate: String
        let kindergarten: String
        let parent: String
        let code: String
        let status: String
        let href: String
    }

    struct SearchPage: Encodable {
        let layout: Layout
        let campaignTitle: String?
        let query: String
        let hits: [HitRow]
        let searched: Bool
    }

    struct MessageRow: Encodable {
        let fromParent: Bool
        let author: String
        let body: String
        let at: String
    }

    struct CasePage: Encodable {
        let layout: Layout
        let hit: HitRow
        let number: String?
        let enteredBy: String
        let messages: [MessageRow]
        let paths: [String: String]
        let form: FormState
    }

    func boot(routes: any RoutesBuilder) throws {
        let desk = routes.grouped("admissions", "desk")
        desk.get(use: search)
        desk.get("walk-in", use: walkInForm)
        desk.post("walk-in", use: walkIn)
        desk.get(":code", use: showCase)
        desk.get(":code", "form", use: showForm)
        desk.post(":code", "form", use: saveForm)
        desk.post(":code", "messages", use: reply)
        desk.post(":code", "unlock", use: unlock)
    }

    static func row(_ hit: DeskHit) -> HitRow {
        HitRow(childName: hit.childName, birthDate: hit.birthDate, kindergarten: hit.kindergarten,
               parent: [hit.parentName, hit.parentPhone].filter { !$0.isEmpty }.joined(separator: " · "), code: hit.code.display,
               status: hit.status.map { $0.label + (hit.enteredBy.isEmpty ? "" : " (nhập tại bàn bởi \(hit.enteredBy))") } ?? "Chưa có hồ sơ",
               href: AdmissionPaths.deskCase(hit.code))
    }

    @Sendable func search(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.admissionDesk)
        let query = (try? req.query.get(String.self, at: "q")) ?? ""
        let campaign = try await CampaignService(database: req.db).current()
        var hits: [HitRow] = []
        if let campaign, !query.isEmpty {
            hits = try await DeskService(database: req.db).search(query, in: campaign.id, by: caller).map(Self.row)
        }
        return try await req.render("admissions/desk", SearchPage(layout: req.layout("Thường trực tuyển sinh", active: AdmissionPaths.desk),
                                                                  campaignTitle: campaign?.title, query: query, hits: hits,
                                                                  searched: !query.isEmpty))
    }

    func code(_ req: Request) throws -> RegistrationCode {
        guard let code = req.parameters.get("code").flatMap(RegistrationCode.init) else { throw RecordsError.notFound }
        return code
    }

    func casePage(_ req: Request, _ code: RegistrationCode, form: FormState = FormState()) async throws -> CasePage {
        let caller = try req.caller()
        let desk = DeskService(database: req.db)
        let access = try await desk.access(code, by: caller)
        guard let hit = try await desk.search(code.display, in: access.campaignID, by: caller).first else { throw RecordsError.notFound }
        let messages = try await desk.messages(for: access).map {
            MessageRow(fromParent: $0.from == "parent", author: $0.author, body: $0.body, at: Timestamps.display($0.at))
        }
        return CasePage(layout: req.layout("Hồ sơ mã \(code.display)", active: AdmissionPaths.desk), hit: Self.row(hit), number: hit.number,
                        enteredBy: hit.enteredBy, messages: messages,
                        paths: ["form": AdmissionPaths.deskForm(code), "messages": AdmissionPaths.deskMessages(code),
                                "unlock": AdmissionPaths.deskUnlock(code)], form: form)
    }

    @Sendable func showCase(req: Request) async throws -> Response {
        try await req.render("admissions/desk-case", casePage(req, code(req)))
    }

    @Sendable func showForm(req: Request) async throws -> Response {
        let code = try code(req)
        let access = try await DeskService(database: req.db).access(code, by: req.caller())
        let portalCase = try await ApplicationService(database: req.db).load(access)
        return try await req.render("portal/application", try await PortalController().formPage(
            req, portalCase, access: access, action: AdmissionPaths.deskForm(code)))
    }

    @Sendable func saveForm(req: Request) async throws -> Response {
        let code = try code(req)
        let caller = try req.caller()
        let access = try await DeskService(database: req.db).access(code, by: caller)
        let posted = try req.content.decode(PortalApplicationForm.self)
        let service = ApplicationService(database: req.db)
        do {
            if posted.action == "draft" {
                try await service.saveDraft(posted.form, for: access, by: caller)
            } else {
                try await service.submit(posted.form, for: access, by: caller)
            }
            return req.redirect(to: AdmissionPaths.deskCase(code),
                                flash: posted.action == "draft" ? "Đã lưu nháp hồ sơ." : "Đã nộp hồ sơ thay phụ huynh.")
        } catch let problems as FieldProblems {
            var values = PortalApplicationForm.values(posted.form, birthDateText: posted.childBirthDate ?? "")
            values["residenceUnit"] = posted.residenceUnit ?? ""
            return try await req.render("portal/application", try await PortalController().formPage(
                req, try await service.load(access), access: access, values: values, claimed: Set(posted.priorityCodes ?? []),
                problems: problems, action: AdmissionPaths.deskForm(code)), status: .unprocessableEntity)
        }
    }

    struct ReplyForm: Content {
        var body: String?
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let code = try code(req)
        let form = try req.content.decode(ReplyForm.self)
        let caller = try req.caller()
        let desk = DeskService(database: req.db)
        do {
            try await desk.post(form.body ?? "", on: try await desk.access(code, by: caller), by: caller)
        } catch let problems as FieldProblems {
            return try await req.render("admissions/desk-case", casePage(req, code, form: FormState(values: ["body": form.body ?? ""], problems: problems)),
                                        status: .unprocessableEntity)
        }
        return req.redirect(to: AdmissionPaths.deskCase(code), flash: "Đã gửi trả lời; phụ huynh xem được trên trang hồ sơ.")
    }

    @Sendable func unlock(req: Request) async throws -> Response {
        let code = try code(req)
        try await PortalService(database: req.db).unlock(code, by: req.caller())
        return req.redirect(to: AdmissionPaths.deskCase(code), flash: "Đã mở khoá mã \(code.display).")
    }

    struct WalkInForm: Content {
        var family: String?
        var middle: String?
        var given: String?
        var birthDate: String?
        var gender: String?
        var parentName: String?
        var parentPhone: String?
        var olderReason: String?
        var walkInReason: String?
    }

    struct WalkInPage: Encodable {
        let layout: Layout
        let form: FormState
    }

    @Sendable func walkInForm(req: Request) async throws -> Response {
        try req.caller().require(.admissionDesk)
        return try await req.render("admissions/walk-in", WalkInPage(layout: req.layout("Cấp mã tại bàn", active: AdmissionPaths.desk), form: FormState()))
    }

    @Sendable func walkIn(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(WalkInForm.self)
        guard let campaign = try await CampaignService(database: req.db).current() else { throw RecordsError.notFound }
        let entry = ChildEntry(name: PersonName(family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? ""),
                               birthDate: SchoolDate(vietnamese: form.birthDate ?? ""), gender: Gender(rawValue: form.gender ?? ""),
                               parentName: form.parentName ?? "", parentPhone: form.parentPhone ?? "", olderReason: form.olderReason ?? "")
        do {
            let child = try await ListService(database: req.db).addChild(entry, to: campaign.id, kindergarten: nil,
                                                                        walkInReason: form.walkInReason ?? "", by: caller)
            let code = child.code!
            return req.redirect(to: AdmissionPaths.deskCase(code), flash: "Đã cấp mã \(code.display) cho \(entry.name.full).")
        } catch let problems as FieldProblems {
            let values = ["family": form.family ?? "", "middle": form.middle ?? "", "given": form.given ?? "", "birthDate": form.birthDate ?? "",
                          "gender": form.gender ?? "", "parentName": form.parentName ?? "", "parentPhone": form.parentPhone ?? "",
                          "olderReason": form.olderReason ?? "", "walkInReason": form.walkInReason ?? ""]
            return try await req.render("admissions/walk-in", WalkInPage(layout: req.layout("Cấp mã tại bàn", active: AdmissionPaths.desk),
                                                                       form: FormState(values: values, problems: problems)),
                                        status: .unprocessableEntity)
        }
    }
}
