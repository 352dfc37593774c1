import Admissions
import Fluent
import Records
import Vapor

/// Admissions campaigns, staff side: list, set up, change, overview.
struct CampaignsController: RouteCollection {
    struct CampaignRow: Encodable {
        let title: String
        let href: String
        let isTrial: Bool
        let applyWindow: String
        let places: Int
    }

    struct ListPage: Encodable {
        let layout: Layout
        let campaigns: [CampaignRow]
        let canManage: Bool
    }

    struct FormPage: Encodable {
        let layout: Layout
        let heading: String
        let action: String
        let isEdit: Bool
        let form: FormState
    }

    struct WindowRow: Encodable {
        let label: String
        let at: String
    }

    struct KindergartenRow: Encodable {
        let name: String
        let childCount: Int
        let slipsPath: String
        let handoverPath: String
        let id: String
    }

    struct HandoverRow: Encodable {
        let kindergarten: String
        let slipCount: Int
        let handedBy: String
        let receivedBy: String
        let at: String
        let pdfPath: String
    }

    struct ShowPage: Encodable {
        let layout: Layout
        let campaign: Campaign
        let windows: [WindowRow]
        let isOpen: Bool
        let kindergartens: [KindergartenRow]
        let handovers: [HandoverRow]
        let userName: String
        let childCount: Int
        let paths: [String: String]
        let canManage: Bool
        let canLists: Bool
        let form: FormState
    }

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("admissions")
        group.get(use: list)
        group.get("campaigns", "new", use: new)
        group.post("campaigns", "new", use: create)
        group.get("campaigns", ":id", use: show)
        group.get("campaigns", ":id", "edit", use: edit)
        group.post("campaigns", ":id", "edit", use: update)
        group.post("campaigns", ":id", "kindergartens", use: addKindergarten)
        group.post("campaigns", ":id", "wipe-trial", use: wipeTrial)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.viewAdmissions)
        let rows = try await CampaignService(database: req.db).list().map {
            CampaignRow(title: $0.title, href: AdmissionPaths.campaign($0.id), isTrial: $0.isTrial,
                        applyWindow: "\(Timestamps.display($0.windows.applyFrom)) – \(Timestamps.display($0.windows.applyUntil))", places: $0.places)
        }
        return try await req.render("admissions/campaigns", ListPage(layout: req.layout("Tuyển sinh", active: AdmissionPaths.campaigns),
                                                                     campaigns: rows, canManage: caller.may(.manageAdmissions)))
    }

    @Sendable func new(req: Request) async throws -> Response {
        try req.caller().require(.manageAdmissions)
        return try await req.render("admissions/campaign-form", FormPage(
            layout: req.layout("Tạo đợt tuyển sinh", active: AdmissionPaths.campaigns), heading: "Tạo đợt tuyển sinh lớp 1",
            action: AdmissionPaths.campaignsNew, isEdit: false, form: FormState(values: CampaignForm.defaults(today: SchoolDate(Date())))))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(CampaignForm.self)
        do {
            let draft = try form.draft(province: req.school?.provinceCode ?? "").get()
            let campaign = try await CampaignService(database: req.db).create(draft, by: caller)
            return req.redirect(to: AdmissionPaths.campaign(campaign.id), flash: "Đã tạo đợt tuyển sinh \(campaign.title).")
        } catch let problems as FieldProblems {
            return try await req.render("admissions/campaign-form", FormPage(
                layout: req.layout("Tạo đợt tuyển sinh", active: AdmissionPaths.campaigns), heading: "Tạo đợt tuyển sinh lớp 1",
                action: AdmissionPaths.campaignsNew, isEdit: false, form: FormState(values: form.values, problems: problems)),
                status: .unprocessableEntity)
        }
    }

    func campaignID(_ req: Request) throws -> CampaignID {
        guard let id = req.parameters.get("id").flatMap(CampaignID.init) else { throw RecordsError.notFound }
        return id
    }

    func showPage(_ req: Request, _ id: CampaignID, form: FormState = FormState()) async throws -> ShowPage {
        let caller = try req.caller()
        try caller.require(.viewAdmissions)
        let campaign = try await CampaignService(database: req.db).get(id)
        let lists = ListService(database: req.db)
        let kindergartens = try await lists.kindergartens(of: id, by: caller)
        let children = try await lists.children(of: id, by: caller).count
        let w = campaign.windows
        let windows = [("Phát mã từ", w.codesFrom), ("Mở đăng ký trực tuyến", w.applyFrom), ("Đóng đăng ký", w.applyUntil),
                       ("Hết hạn xét duyệt", w.reviewUntil), ("Công bố kết quả", w.resultsAt), ("Hạn xác nhận nhập học", w.confirmBy)]
            .map { WindowRow(label: $0.0, at: Timestamps.display($0.1)) }
        return ShowPage(layout: req.layout(campaign.title, active: AdmissionPaths.campaigns), campaign: campaign, windows: windows,
                        isOpen: w.isApplicationOpen(at: Date()),
                        kindergartens: kindergartens.map {
                            KindergartenRow(name: $0.name, childCount: $0.childCount, slipsPath: AdmissionPaths.slips($0.id),
                                            handoverPath: AdmissionPaths.handover($0.id), id: $0.id.description)
                        },
                        handovers: try await HandoverService(database: req.db).list(campaign: id, by: caller).map {
                            HandoverRow(kindergarten: $0.kindergartenName, slipCount: $0.slipCount, handedBy: $0.handedBy, receivedBy: $0.receivedBy,
                                        at: Timestamps.display($0.at), pdfPath: AdmissionPaths.handoverRecord($0.id))
                        },
                        userName: req.user?.account.name.full ?? "",
                        childCount: children,
                        paths: ["edit": AdmissionPaths.campaignEdit(id), "kindergartens": AdmissionPaths.kindergartens(id),
                                "import": AdmissionPaths.importList(id), "children": AdmissionPaths.children(id),
                                "report": AdmissionPaths.report(id), "wipe": AdmissionPaths.wipeTrial(id),
                                "draw": AdmissionPaths.draw(id), "results": AdmissionPaths.results(id),
                                "convert": AdmissionPaths.convert(id)],
                        canManage: caller.may(.manageAdmissions), canLists: caller.may(.admissionLists), form: form)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("admissions/campaign", showPage(req, campaignID(req)))
    }

    @Sendable func edit(req: Request) async throws -> Response {
        try req.caller().require(.manageAdmissions)
        let campaign = try await CampaignService(database: req.db).get(campaignID(req))
        return try await req.render("admissions/campaign-form", FormPage(
            layout: req.layout("Sửa đợt tuyển sinh", active: AdmissionPaths.campaigns), heading: "Sửa \(campaign.title)",
            action: AdmissionPaths.campaignEdit(campaign.id), isEdit: true, form: FormState(values: CampaignForm.values(of: campaign))))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let caller = try req.caller()
        let id = try campaignID(req)
        let form = try req.content.decode(CampaignForm.self)
        do {
            let draft = try form.draft(province: req.school?.provinceCode ?? "").get()
            let campaign = try await CampaignService(database: req.db).update(id, draft, version: FormInput.int(form.version) ?? 0,
                                                                             impactReason: form.impactReason, by: caller)
            return req.redirect(to: AdmissionPaths.campaign(id), flash: "Đã lưu \(campaign.title).")
        } catch let problems as FieldProblems {
            return try await req.render("admissions/campaign-form", FormPage(
                layout: req.layout("Sửa đợt tuyển sinh", active: AdmissionPaths.campaigns), heading: "Sửa đợt tuyển sinh",
                action: AdmissionPaths.campaignEdit(id), isEdit: true, form: FormState(values: form.values, problems: problems)),
                status: .unprocessableEntity)
        }
    }

    @Sendable func wipeTrial(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let children = try await CampaignService(database: req.db).wipeTrial(
            id, store: FileStore(directory: URL(fileURLWithPath: req.application.config.uploadsDirectory)), by: req.caller())
        return req.redirect(to: AdmissionPaths.campaign(id), flash: "Đã xoá dữ liệu chạy thử (\(children) trẻ cùng mã và hồ sơ).")
    }

    struct KindergartenForm: Content {
        var name: String?
        var address: String?
        var contact: String?
    }

    @Sendable func addKindergarten(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let form = try req.content.decode(KindergartenForm.self)
        do {
            let kg = try await ListService(database: req.db).addKindergarten(to: id, name: form.name ?? "", address: form.address ?? "",
                                                                             contact: form.contact ?? "", by: req.caller())
            return req.redirect(to: AdmissionPaths.campaign(id), flash: "Đã thêm \(kg.name).")
        } catch let problems as FieldProblems {
            let values = ["name": form.name ?? "", "address": form.address ?? "", "contact": form.contact ?? ""]
            return try await req.render("admissions/campaign", showPage(req, id, form: FormState(values: values, problems: problems)),
                                        status: .unprocessableEntity)
        }
    }
}
