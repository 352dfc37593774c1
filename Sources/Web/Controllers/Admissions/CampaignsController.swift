import Admissions
import Fluent
import Records
import Vapor

/// Admissions campaigns, staff side: list, set up, change, overview.
struct CampaignsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.campaigns, use: list)
        routes.get(Site.campaignsNew, use: new)
        routes.post(Site.campaignsNew, use: create)
        routes.get(Site.campaign, use: show)
        routes.get(Site.campaignEdit, use: edit)
        routes.post(Site.campaignEdit, use: update)
        routes.post(Site.kindergartens, use: addKindergarten)
        routes.post(Site.wipeTrial, use: wipeTrial)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let caller = try req.caller()
        let rows = try await req.domain.campaigns.list(by: caller).map {
            CampaignsPages.CampaignRow(
                title: $0.title, href: Site.campaign($0.id), isTrial: $0.isTrial,
                applyWindow: "\(Timestamps.display($0.windows.applyFrom)) – \(Timestamps.display($0.windows.applyUntil))", places: $0.places
            )
        }
        return try await req.render(
            "admissions/campaigns",
            CampaignsPages.ListPage(
                layout: req.layout("Tuyển sinh", active: Site.campaigns()),
                campaigns: rows, canManage: caller.may(.manageAdmissions)))
    }

    @Sendable func new(req: Request) async throws -> Response {
        try req.domain.campaigns.authorizeManaging(by: req.caller())
        return try await req.render(
            "admissions/campaign-form",
            CampaignsPages.FormPage(
                layout: req.layout("Tạo đợt tuyển sinh", active: Site.campaigns()), heading: "Tạo đợt tuyển sinh lớp 1",
                action: Site.campaignsNew(), isEdit: false,
                form: FormState(values: CampaignForm.defaults(today: SchoolDate(Date()))),
                groups: CampaignFormRow.rows(CampaignDefaults.priorityGroups),
                documents: CampaignFormRow.rows(CampaignDefaults.documents)))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(CampaignForm.self)
        do {
            let draft = try form.draft(province: req.school?.provinceCode ?? "").get()
            let campaign = try await req.domain.campaigns.create(draft, by: caller)
            return req.redirect(to: Site.campaign(campaign.id), flash: "Đã tạo đợt tuyển sinh \(campaign.title).")
        } catch let problems as FieldProblems {
            return try await req.render(
                "admissions/campaign-form",
                CampaignsPages.FormPage(
                    layout: req.layout("Tạo đợt tuyển sinh", active: Site.campaigns()), heading: "Tạo đợt tuyển sinh lớp 1",
                    action: Site.campaignsNew(), isEdit: false, form: FormState(values: form.values, problems: problems),
                    groups: form.rowsToShow.groups, documents: form.rowsToShow.documents),
                status: .unprocessableEntity)
        }
    }

    func campaignID(_ req: Request) throws -> CampaignID {
        let id = try req.pathValue(CampaignID.self)
        return id
    }

    func showPage(_ req: Request, _ id: CampaignID, form: FormState = FormState()) async throws -> CampaignsPages.ShowPage {
        let caller = try req.caller()
        let campaign = try await req.domain.campaigns.get(id, by: caller)
        let lists = req.domain.lists
        let kindergartens = try await lists.kindergartens(of: id, by: caller)
        let children = try await lists.children(of: id, by: caller).count
        let w = campaign.windows
        let windows = [
            ("Phát mã từ", w.codesFrom), ("Mở đăng ký trực tuyến", w.applyFrom), ("Đóng đăng ký", w.applyUntil),
            ("Hết hạn xét duyệt", w.reviewUntil), ("Công bố kết quả", w.resultsAt), ("Hạn xác nhận nhập học", w.confirmBy),
        ]
        .map { CampaignsPages.WindowRow(label: $0.0, at: Timestamps.display($0.1)) }
        return CampaignsPages.ShowPage(
            layout: req.layout(campaign.title, active: Site.campaigns()), campaign: campaign, windows: windows,
            isOpen: w.isApplicationOpen(at: Date()),
            kindergartens: kindergartens.map {
                CampaignsPages.KindergartenRow(
                    name: $0.name, childCount: $0.childCount, slipsPath: Site.slips($0.id),
                    handoverPath: Site.handover($0.id), id: $0.id.description)
            },
            handovers: try await req.domain.handovers.list(campaign: id, by: caller).map {
                CampaignsPages.HandoverRow(
                    kindergarten: $0.kindergartenName, slipCount: $0.slipCount, handedBy: $0.handedBy, receivedBy: $0.receivedBy,
                    at: Timestamps.display($0.at), pdfPath: Site.handoverRecord($0.id))
            },
            userName: req.user?.account.name.full ?? "",
            childCount: children,
            paths: [
                "edit": Site.campaignEdit(id), "kindergartens": Site.kindergartens(id),
                "import": Site.importList(id), "children": Site.children(id),
                "report": Site.report(id), "wipe": Site.wipeTrial(id),
                "draw": Site.draw(id), "results": Site.results(id),
                "convert": Site.convert(id),
            ],
            canManage: caller.may(.manageAdmissions), canLists: caller.may(.admissionLists), form: form)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("admissions/campaign", showPage(req, campaignID(req)))
    }

    @Sendable func edit(req: Request) async throws -> Response {
        try req.domain.campaigns.authorizeManaging(by: req.caller())
        let campaign = try await req.domain.campaigns.get(campaignID(req), by: req.caller())
        return try await req.render(
            "admissions/campaign-form",
            CampaignsPages.FormPage(
                layout: req.layout("Sửa đợt tuyển sinh", active: Site.campaigns()), heading: "Sửa \(campaign.title)",
                action: Site.campaignEdit(campaign.id), isEdit: true, form: FormState(values: CampaignForm.values(of: campaign)),
                groups: CampaignFormRow.rows(campaign.priorityGroups), documents: CampaignFormRow.rows(campaign.requiredDocuments)))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let caller = try req.caller()
        let id = try campaignID(req)
        let form = try req.content.decode(CampaignForm.self)
        do {
            let draft = try form.draft(province: req.school?.provinceCode ?? "").get()
            let campaign = try await req.domain.campaigns.update(
                id, draft, version: FormInput.int(form.version) ?? 0,
                impactReason: form.impactReason, by: caller)
            return req.redirect(to: Site.campaign(id), flash: "Đã lưu \(campaign.title).")
        } catch let problems as FieldProblems {
            return try await req.render(
                "admissions/campaign-form",
                CampaignsPages.FormPage(
                    layout: req.layout("Sửa đợt tuyển sinh", active: Site.campaigns()), heading: "Sửa đợt tuyển sinh",
                    action: Site.campaignEdit(id), isEdit: true, form: FormState(values: form.values, problems: problems),
                    groups: form.rowsToShow.groups, documents: form.rowsToShow.documents),
                status: .unprocessableEntity)
        }
    }

    @Sendable func wipeTrial(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let children = try await req.domain.campaigns.wipeTrial(
            id, store: FileStore(directory: URL(fileURLWithPath: req.application.config.uploadsDirectory)), by: req.caller())
        return req.redirect(to: Site.campaign(id), flash: "Đã xoá dữ liệu chạy thử (\(children) trẻ cùng mã và hồ sơ).")
    }

    @Sendable func addKindergarten(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let form = try req.content.decode(CampaignsPages.KindergartenForm.self)
        do {
            let kg = try await req.domain.lists.addKindergarten(
                to: id, name: form.name ?? "", address: form.address ?? "",
                contact: form.contact ?? "", by: req.caller())
            return req.redirect(to: Site.campaign(id), flash: "Đã thêm \(kg.name).")
        } catch let problems as FieldProblems {
            let values = ["name": form.name ?? "", "address": form.address ?? "", "contact": form.contact ?? ""]
            return try await req.render(
                "admissions/campaign", showPage(req, id, form: FormState(values: values, problems: problems)),
                status: .unprocessableEntity)
        }
    }
}
