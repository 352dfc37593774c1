import Admissions
import Fluent
import Records
import Vapor

/// The council chair's draw: announce the public value, run the allocation, approve and publish; the public list.
struct DrawController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.draw, use: show)
        routes.post(Site.drawAnnounce, use: announce)
        routes.post(Site.drawRun, use: run)
        routes.post(Site.drawEndReview, use: endReview)
        routes.post(Site.drawApprove, use: approve)
        routes.get(Site.portalResults, use: publicList)
        routes.get(Site.minutes, use: minutes)
    }

    /// Table rows; `names` only on the council's page (the public list shows numbers, never names).
    static func rows(_ placements: [Placement], names: [String: String] = [:]) -> [DrawPages.PlacementRow] {
        placements.map {
            DrawPages.PlacementRow(
                position: $0.position, number: $0.number, child: names[$0.number] ?? "", group: $0.group ?? "—", rank: $0.rank)
        }
    }

    func campaignID(_ req: Request) throws -> CampaignID {
        let id = try req.pathValue(CampaignID.self)
        return id
    }

    func page(_ req: Request, _ id: CampaignID, form: FormState = FormState(), ticked: [String] = []) async throws -> DrawPages.Page {
        let caller = try req.caller()
        let campaign = try await req.domain.campaigns.get(id, by: caller)
        let draws = req.domain.draws
        let state = try await draws.state(id, by: caller)
        let differences = state?.result == nil ? [] : try await draws.verify(id, by: caller)
        let names = state?.result == nil ? [:] : try await draws.childNames(id, by: caller)
        let council =
            caller.may(.approveAdmissions)
            ? try await req.domain.roles.holders(of: [.principal, .councilChair, .councilMember], by: caller).map(\.full) : []
        let ticked = Set(ticked)
        return DrawPages.Page(
            layout: req.layout("Xét tuyển", active: Site.campaigns()), campaignTitle: campaign.title, campaignID: id.description,
            announced: state != nil, publicValue: state?.publicValue ?? "", seed: state?.seed ?? "", drawn: state?.result != nil,
            published: state?.publishedAt != nil, lotteryUsed: state?.result?.lotteryUsed ?? false, overflow: state?.result?.overflow ?? 0,
            admitted: Self.rows(state?.result?.admitted ?? [], names: names),
            waitlist: Self.rows(state?.result?.waitlist ?? [], names: names),
            council: council.map { DrawPages.Member(name: $0, ticked: ticked.contains($0)) },
            differences: differences, canApprove: caller.may(.approveAdmissions),
            reviewOpen: Date() < campaign.windows.reviewUntil, reviewUntil: Timestamps.display(campaign.windows.reviewUntil),
            paths: [
                "announce": Site.drawAnnounce(id), "run": Site.drawRun(id), "endReview": Site.drawEndReview(id),
                "approve": Site.drawApprove(id),
                "minutes": Site.minutes(id), "campaign": Site.campaign(id),
            ],
            form: form)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("admissions/draw", page(req, campaignID(req)))
    }

    func act(_ req: Request, _ body: (CampaignID, Caller, DrawPages.AnnounceForm) async throws -> String) async throws -> Response {
        let id = try campaignID(req)
        let form = try req.content.decode(DrawPages.AnnounceForm.self)
        do {
            let message = try await body(id, try req.caller(), form)
            return req.redirect(to: Site.draw(id), flash: message)
        } catch let problems as FieldProblems {
            let values = [
                "publicValue": form.publicValue ?? "", "membersPresent": form.membersPresent ?? "", "reason": form.reason ?? "",
            ]
            return try await req.render(
                "admissions/draw", page(req, id, form: FormState(values: values, problems: problems), ticked: form.members ?? []),
                status: .unprocessableEntity)
        }
    }

    /// The chair ends applications and the review now, with the council's reason, so the lottery can run.
    @Sendable func endReview(req: Request) async throws -> Response {
        try await act(req) { id, caller, form in
            let campaign = try await req.domain.campaigns.endReviewNow(id, reason: form.reason ?? "", by: caller)
            return
                "Đã kết thúc đăng ký và xét duyệt lúc \(Timestamps.display(campaign.windows.reviewUntil)). Có thể công bố giá trị và xét tuyển."
        }
    }

    @Sendable func announce(req: Request) async throws -> Response {
        try await act(req) { id, caller, form in
            let seed = try await req.domain.draws.announce(id, publicValue: form.publicValue ?? "", by: caller)
            return "Đã công bố giá trị bốc thăm. Hạt giống: \(seed)."
        }
    }

    @Sendable func run(req: Request) async throws -> Response {
        try await act(req) { id, caller, _ in
            let result = try await req.domain.draws.draw(id, by: caller)
            return
                "Đã xét tuyển: \(result.admitted.count) trúng tuyển, \(result.waitlist.count) trong danh sách chờ. Chờ chủ tịch hội đồng duyệt."
        }
    }

    @Sendable func approve(req: Request) async throws -> Response {
        try await act(req) { id, caller, form in
            try await req.domain.draws.approve(id, membersPresent: form.present, by: caller)
            return "Đã duyệt và công bố kết quả."
        }
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let caller = try req.caller()
        let draws = req.domain.draws
        guard let state = try await draws.state(id, by: caller) else { throw RecordsError.notFound }
        let document = AdmissionPrintouts.minutes(
            school: req.school?.name ?? "", campaign: try await req.domain.campaigns.get(id, by: caller),
            draw: state, figures: try await draws.figures(id, by: caller),
            chair: state.approvedBy.isEmpty ? "" : state.approvedBy)
        return try await PrintoutsController.pdf(document, filename: "bien-ban-hoi-dong.pdf", on: req)
    }

    /// The published list: numbers, groups and rank values only (no names), with how to recompute every value.
    @Sendable func publicList(req: Request) async throws -> Response {
        guard let campaign = try await req.domain.campaigns.current() else { throw RecordsError.notFound }
        let state = try await req.domain.draws.publishedState(campaign.id)
        let published = state != nil
        let result = published ? state?.result : nil
        let example = result?.admitted.first.map { "printf '%s' '\(state?.seed ?? "")|\($0.number)' | sha256sum" } ?? ""
        return try await req.render(
            "portal/results",
            DrawPages.PublicPage(
                layout: req.portalLayout("Kết quả tuyển sinh", campaign: campaign), campaignTitle: campaign.title, published: published,
                publicValue: state?.publicValue ?? "", campaignID: campaign.id.description, seed: state?.seed ?? "",
                admitted: Self.rows(result?.admitted ?? []), waitlist: Self.rows(result?.waitlist ?? []), example: example,
                places: campaign.places,
                groups: campaign.priorityGroups.map { DrawPages.GroupRow(code: $0.code, name: $0.name, guaranteed: $0.guaranteed) }))
    }
}
