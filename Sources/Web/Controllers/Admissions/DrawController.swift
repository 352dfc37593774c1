import Admissions
import Fluent
import Records
import Vapor

/// The council chair's draw: announce the public value, run the allocation, approve and publish; the public list.
struct DrawController: RouteCollection {
    struct PlacementRow: Encodable {
        let position: Int
        let number: String
        let group: String
        let rank: String
    }

    struct Page: Encodable {
        let layout: Layout
        let campaignTitle: String
        let campaignID: String
        let announced: Bool
        let publicValue: String
        let seed: String
        let drawn: Bool
        let published: Bool
        let lotteryUsed: Bool
        let overflow: Int
        let admitted: [PlacementRow]
        let waitlist: [PlacementRow]
        let differences: [String]
        let canApprove: Bool
        let paths: [String: String]
        let form: FormState
    }

    func boot(routes: any RoutesBuilder) throws {
        let draw = routes.grouped("admissions", "campaigns", ":id", "draw")
        draw.get(use: show)
        draw.post("announce", use: announce)
        draw.post("run", use: run)
        draw.post("approve", use: approve)
        routes.get("tuyen-sinh", "ket-qua", use: publicList)
        routes.get("admissions", "campaigns", ":id", "minutes.pdf", use: minutes)
    }

    static func rows(_ placements: [Placement]) -> [PlacementRow] {
        placements.map { PlacementRow(position: $0.position, number: $0.number, group: $0.group ?? "—", rank: $0.rank) }
    }

    func campaignID(_ req: Request) throws -> CampaignID {
        guard let id = req.parameters.get("id").flatMap(CampaignID.init) else { throw RecordsError.notFound }
        return id
    }

    func page(_ req: Request, _ id: CampaignID, form: FormState = FormState()) async throws -> Page {
        let caller = try req.caller()
        try caller.require(.viewAdmissions)
        let campaign = try await CampaignService(database: req.db).get(id)
        let draws = DrawService(database: req.db)
        let state = try await draws.state(id)
        let differences = state?.result == nil ? [] : try await draws.verify(id)
        let base = AdmissionPaths.draw(id)
        return Page(layout: req.layout("Xét tuyển", active: AdmissionPaths.campaigns), campaignTitle: campaign.title, campaignID: id.description,
                    announced: state != nil, publicValue: state?.publicValue ?? "", seed: state?.seed ?? "", drawn: state?.result != nil,
                    published: state?.publishedAt != nil, lotteryUsed: state?.result?.lotteryUsed ?? false, overflow: state?.result?.overflow ?? 0,
                    admitted: Self.rows(state?.result?.admitted ?? []), waitlist: Self.rows(state?.result?.waitlist ?? []),
                    differences: differences, canApprove: caller.may(.approveAdmissions),
                    paths: ["announce": base + "/announce", "run": base + "/run", "approve": base + "/approve",
                            "minutes": AdmissionPaths.minutes(id), "campaign": AdmissionPaths.campaign(id)],
                    form: form)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("admissions/draw", page(req, campaignID(req)))
    }

    struct AnnounceForm: Content {
        var publicValue: String?
        var membersPresent: String?
    }

    func act(_ req: Request, _ body: (CampaignID, Caller, AnnounceForm) async throws -> String) async throws -> Response {
        let id = try campaignID(req)
        let form = try req.content.decode(AnnounceForm.self)
        do {
            let message = try await body(id, try req.caller(), form)
            return req.redirect(to: AdmissionPaths.draw(id), flash: message)
        } catch let problems as FieldProblems {
            let values = ["publicValue": form.publicValue ?? "", "membersPresent": form.membersPresent ?? ""]
            return try await req.render("admissions/draw", page(req, id, form: FormState(values: values, problems: problems)),
                                        status: .unprocessableEntity)
        }
    }

    @Sendable func announce(req: Request) async throws -> Response {
        try await act(req) { id, caller, form in
            let seed = try await DrawService(database: req.db).announce(id, publicValue: form.publicValue ?? "", by: caller)
            return "Đã công bố giá trị bốc thăm. Hạt giống: \(seed)."
        }
    }

    @Sendable func run(req: Request) async throws -> Response {
        try await act(req) { id, caller, _ in
            let result = try await DrawService(database: req.db).draw(id, by: caller)
            return "Đã xét tuyển: \(result.admitted.count) trúng tuyển, \(result.waitlist.count) trong danh sách chờ. Chờ chủ tịch hội đồng duyệt."
        }
    }

    @Sendable func approve(req: Request) async throws -> Response {
        try await act(req) { id, caller, form in
            try await DrawService(database: req.db).approve(id, membersPresent: form.membersPresent ?? "", by: caller)
            return "Đã duyệt và công bố kết quả."
        }
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let caller = try req.caller()
        let draws = DrawService(database: req.db)
        guard let state = try await draws.state(id) else { throw RecordsError.notFound }
        let document = AdmissionPrintouts.minutes(school: req.school?.name ?? "", campaign: try await CampaignService(database: req.db).get(id),
                                                  draw: state, figures: try await draws.figures(id, by: caller),
                                                  chair: state.approvedBy.isEmpty ? "" : state.approvedBy)
        return try await PrintoutsController.pdf(document, filename: "bien-ban-hoi-dong.pdf", on: req)
    }

    struct PublicPage: Encodable {
        let layout: Layout
        let campaignTitle: String
        let published: Bool
        let publicValue: String
        let campaignID: String
        let seed: String
        let admitted: [PlacementRow]
        let waitlist: [PlacementRow]
        let example: String
    }

    /// The published list: numbers, groups and rank values only (no names), with how to recompute every value.
    @Sendable func publicList(req: Request) async throws -> Response {
        guard let campaign = try await CampaignService(database: req.db).current() else { throw RecordsError.notFound }
        let state = try await DrawService(database: req.db).state(campaign.id)
        let published = state?.publishedAt != nil
        let result = published ? state?.result : nil
        let example = result?.admitted.first.map { "printf '%s' '\(state?.seed ?? "")|\($0.number)' | sha256sum" } ?? ""
        return try await req.render("portal/results", PublicPage(
            layout: req.layout("Kết quả tuyển sinh"), campaignTitle: campaign.title, published: published,
            publicValue: state?.publicValue ?? "", campaignID: campaign.id.description, seed: state?.seed ?? "",
            admitted: Self.rows(result?.admitted ?? []), waitlist: Self.rows(result?.waitlist ?? []), example: example))
    }
}
