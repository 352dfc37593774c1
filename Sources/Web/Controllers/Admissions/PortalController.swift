import Admissions
import Fluent
import Records
import Vapor

/// The public portal: enter a code and the child's date of birth, fill the application, submit, get a receipt.
struct PortalController: RouteCollection {
    static let cookieName = "hoso_portal"
    static let staffRefusal =
        "Bạn đang đăng nhập bằng tài khoản cán bộ. Để nhập hồ sơ thay gia đình, hãy dùng trang Thường trực tuyển sinh "
        + "(hoặc đăng xuất nếu đây là máy của gia đình)."

    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.portal, use: landing)
        routes.post(Site.portal, use: open)
        routes.get(Site.portalApplication, use: showApplication)
        routes.post(Site.portalApplication, body: .collect(maxSize: ApplicationFormAction.bodyLimit), use: saveApplication)
        routes.get(Site.portalReceipt, use: receipt)
        routes.post(Site.portalLogout, use: logout)
        routes.post(Site.portalAsk, use: ask)
        routes.post(Site.portalConfirm, use: confirm)
    }

    /// The landing page, rendered. When it is the same for every visitor the copy is kept, and
    /// ``KeptPagesMiddleware`` answers from it until it is old (the busiest page of an opening morning).
    @Sendable func landing(req: Request) async throws -> Response {
        let cache = req.application.landingPageCache
        let shared = RenderedPageCache.isShared(req)
        let campaign = try await req.domain.campaigns.current()
        let prefill = (try? req.query.get(String.self, at: "ma")) ?? ""
        var layout = req.portalLayout("Tuyển sinh lớp 1", campaign: campaign)
        if shared { layout.csrf = RenderedPageCache.placeholder }
        let page = try await req.render(
            "portal/landing",
            PortalPages.Landing(
                layout: layout, campaign: campaign.map { PortalPages.CampaignSummary($0) },
                form: FormState(values: ["code": prefill]), message: nil))
        guard shared else { return page }
        // The page changes by itself when the window opens or closes.
        let now = Date()
        let change = campaign.map { [$0.windows.applyFrom, $0.windows.applyUntil] }?.filter { $0 > now }.min()
        return cache.store(page, until: change, for: req, now: now)
    }

    @Sendable func open(req: Request) async throws -> Response {
        let form = try req.content.decode(PortalPages.OpenForm.self)
        let campaign = try await req.domain.campaigns.current()
        let values = ["code": form.code ?? "", "birthDate": form.birthDate ?? ""]
        func again(_ problems: FieldProblems, _ status: HTTPStatus, message: String? = nil) async throws -> Response {
            try await req.render(
                "portal/landing",
                PortalPages.Landing(
                    layout: req.portalLayout("Tuyển sinh lớp 1", campaign: campaign),
                    campaign: campaign.map { PortalPages.CampaignSummary($0) },
                    form: FormState(values: values, problems: problems), message: message), status: status)
        }
        if req.isStaff {
            // A staff member acts for a family at the desk, where the change is theirs in the audit log; the portal
            // would record it as the family's.
            return try await again(FieldProblems("code", PortalController.staffRefusal), .forbidden)
        }
        do {
            let (token, _) = try await req.domain.portal.open(
                code: form.code ?? "", birthDate: form.birthDate ?? "",
                address: req.clientAddress)
            let response = req.redirect(to: Site.portalApplication(), redirectType: .normal)
            response.cookies[Self.cookieName] = SessionMiddleware.cookie(token, for: req)
            return response
        } catch let problems as FieldProblems {
            return try await again(problems, .unprocessableEntity)
        } catch AdmissionsError.noMatch {
            return try await again(
                FieldProblems("code", "Mã số hoặc ngày sinh không khớp. Vui lòng kiểm tra lại phiếu mã số và giấy khai sinh."),
                .unprocessableEntity)
        } catch RecordsError.throttled(let until) {
            let message = ThrottleMessage.text(until: until, deskPhone: campaign?.deskPhone ?? "")
            let response = try await again(FieldProblems("code", message), .tooManyRequests)
            response.retry(after: until)
            return response
        }
    }

    func access(_ req: Request) async throws -> PortalAccess { try await req.portalAccess() }

    @Sendable func showApplication(req: Request) async throws -> Response {
        let (access, portalCase) = try await req.portalVisit()
        if let application = portalCase.application, application.status != .draft, (try? req.query.get(String.self, at: "sua")) == nil {
            return req.redirect(to: Site.portalReceipt(), redirectType: .normal)
        }
        return try await req.renderApplicationForm(access, context: .portal, loaded: portalCase)
    }

    @Sendable func saveApplication(req: Request) async throws -> Response {
        let (access, portalCase) = try await req.portalVisit()
        // The portal acts only as the family (a signed-in staff browser is refused); the desk has its own routes.
        return try await req.postApplicationForm(
            access, loaded: portalCase, by: req.parentCaller(access), context: .portal, defaultAction: .submit)
    }

    @Sendable func receipt(req: Request) async throws -> Response {
        let (access, portalCase) = try await req.portalVisit()
        guard let application = portalCase.application, application.status != .draft, let number = application.number else {
            return req.redirect(to: Site.portalApplication(), redirectType: .normal)
        }
        return try await req.render(
            "portal/receipt",
            PortalPages.ReceiptPage(
                layout: req.portalLayout("Biên nhận hồ sơ \(number)", campaign: portalCase.campaign),
                campaign: PortalPages.CampaignSummary(portalCase.campaign), number: number,
                status: application.status.label, submittedAt: application.submittedAt.map(Timestamps.display) ?? "",
                lines: PortalPages.familyReceiptLines(
                    portalCase, application: application, documents: try await req.domain.documents.list(for: access)
                ).map { PortalPages.Line(label: $0.0, value: $0.1) },
                canEdit: ApplicationService.mayChange(application, in: portalCase.campaign, at: Date()),
                messages: try await req.domain.desk.messages(for: access).map {
                    DeskPages.MessageRow($0)
                },
                standing: FamilyStanding.of(application, in: portalCase.campaign, at: Date()),
                hasResult: application.outcome != nil,
                canAnswerCouncil: application.status == .needsInfo
                    && ApplicationService.mayChange(application, in: portalCase.campaign, at: Date()),
                draftKey: PortalPages.draftKey(access, context: .portal), draftVersion: application.version))
    }

    @Sendable func ask(req: Request) async throws -> Response {
        let access = try await access(req)
        let form = try req.content.decode(PortalPages.AskForm.self)
        do {
            try await req.domain.desk.post(
                form.body ?? "", on: access,
                by: req.parentCaller(access))
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.portalReceipt(), flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: Site.portalReceipt(), flash: "Đã gửi câu hỏi. Nhà trường sẽ trả lời trên trang này.")
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let access = try await access(req)
        let accept = try req.content.decode(PortalPages.ConfirmForm.self).accept == "true"
        do {
            try await req.domain.confirmations.respond(
                accept: accept, for: access,
                by: req.parentCaller(access))
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.portalReceipt(), flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(
            to: Site.portalReceipt(), flash: accept ? "Đã xác nhận nhập học." : "Đã ghi nhận: gia đình từ chối chỗ học.")
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let token = req.cookies[Self.cookieName]?.string { try await req.domain.portal.close(token: token) }
        let response = req.redirect(to: Site.portal(), flash: "Đã thoát khỏi hồ sơ.", kind: .info)
        response.cookies[Self.cookieName] = SessionMiddleware.expired(for: req)
        return response
    }
}

extension Request {
    /// The parent's access from the portal cookie; without one, the parent is sent to the portal's first page.
    func portalAccess() async throws -> PortalAccess {
        try await fromPortalCookie { try await domain.portal.resolve(token: $0) }
    }

    /// The parent's access and the case behind it, read together (the form, its post and the receipt).
    func portalVisit() async throws -> (PortalAccess, PortalCase) {
        let domain = domain
        let visit = try await fromPortalCookie { try await domain.portal.visit(token: $0, campaigns: domain.campaignCache) }
        return (visit.access, visit.portalCase)
    }

    /// What `read` finds for the portal cookie; a staff browser is refused, and a parent without a cookie that opens
    /// their code is sent to the portal's first page.
    private func fromPortalCookie<T>(_ read: (String) async throws -> T?) async throws -> T {
        if isStaff { throw Abort(.forbidden, reason: PortalController.staffRefusal) }
        guard let token = cookies[PortalController.cookieName]?.string, !token.isEmpty, let found = try await read(token) else {
            throw Abort.redirect(to: Site.portal())
        }
        return found
    }
}

extension Request {
    /// Whether a staff account is signed in on this browser (a parent account is not staff).
    var isStaff: Bool { user.map { !$0.caller.isParent } ?? false }
}

extension Request {
    /// The family acting on the portal with `access`; the audit log names them by the code's last two symbols only.
    func parentCaller(_ access: PortalAccess) -> Caller { .parent(code: access.code.masked, address: clientAddress) }
}
