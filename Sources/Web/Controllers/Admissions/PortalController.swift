import Admissions
import Fluent
import Records
import Vapor

/// The public portal: enter a code and the child's date of birth, fill the application, submit, get a receipt.
struct PortalController: RouteCollection {
    static let cookieName = "hoso_portal"

    struct OpenForm: Content {
        var code: String?
        var birthDate: String?
    }

    struct Landing: Encodable {
        let layout: Layout
        let campaign: CampaignSummary?
        let form: FormState
        let message: String?
    }

    struct CampaignSummary: Encodable {
        let title: String
        let applyFrom: String
        let applyUntil: String
        let state: String
        let isOpen: Bool
        let deskPhone: String
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct FormPage: Encodable {
        let layout: Layout
        let campaign: CampaignSummary
        let code: String
        let listedName: String
        let listedBirthDate: String
        /// The parent the kindergarten list names, shown as a hint.
        let listedParent: String
        let form: FormState
        let units: [SelectOption]
        let priorities: [Choice]
        let status: String?
        let number: String?
        let enteredBy: String
        /// Where the form posts: the portal, or the desk working on the parent's behalf.
        let action: String
        let isDesk: Bool
        let documents: [DocumentRow]
        let documentKinds: [SelectOption]
        let uploadAction: String
    }

    struct DocumentRow: Encodable {
        let kind: String
        let filename: String
        let size: String
        let href: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("tuyen-sinh", use: landing)
        routes.post("tuyen-sinh", use: open)
        routes.get("tuyen-sinh", "ho-so", use: showApplication)
        routes.post("tuyen-sinh", "ho-so", use: saveApplication)
        routes.get("tuyen-sinh", "bien-nhan", use: receipt)
        routes.post("tuyen-sinh", "thoat", use: logout)
        routes.post("tuyen-sinh", "hoi", use: ask)
        routes.post("tuyen-sinh", "xac-nhan", use: confirm)
    }

    static func summary(_ campaign: Campaign, now: Date = Date()) -> CampaignSummary {
        let w = campaign.windows
        let state = now < w.applyFrom ? "Chưa mở đăng ký. Cổng mở lúc \(Timestamps.display(w.applyFrom))."
            : now >= w.applyUntil ? "Đã hết thời gian đăng ký trực tuyến (đóng lúc \(Timestamps.display(w.applyUntil)))."
            : "Đang mở đăng ký đến trước \(Timestamps.display(w.applyUntil))."
        return CampaignSummary(title: campaign.title, applyFrom: Timestamps.display(w.applyFrom), applyUntil: Timestamps.display(w.applyUntil),
                               state: state, isOpen: w.isApplicationOpen(at: now), deskPhone: campaign.deskPhone)
    }

    @Sendable func landing(req: Request) async throws -> Response {
        let campaign = try await CampaignService(database: req.db).current()
        let prefill = (try? req.query.get(String.self, at: "ma")) ?? ""
        return try await req.render("portal/landing", Landing(layout: req.layout("Tuyển sinh lớp 1"), campaign: campaign.map { Self.summary($0) },
                                                              form: FormState(values: ["code": prefill]), message: nil))
    }

    @Sendable func open(req: Request) async throws -> Response {
        let form = try req.content.decode(OpenForm.self)
        let campaign = try await CampaignService(database: req.db).current()
        let values = ["code": form.code ?? "", "birthDate": form.birthDate ?? ""]
        func again(_ problems: FieldProblems, _ status: HTTPStatus, message: String? = nil) async throws -> Response {
            try await req.render("portal/landing", Landing(layout: req.layout("Tuyển sinh lớp 1"), campaign: campaign.map { Self.summary($0) },
                                                           form: FormState(values: values, problems: problems), message: message), status: status)
        }
        do {
            var door = PortalService(database: req.db)
            door.perCode = req.application.config.portalCodeLimit
            door.perAddress = req.application.config.portalAddressLimit
            let (token, _) = try await door.open(code: form.code ?? "", birthDate: form.birthDate ?? "",
                                                                           address: req.clientAddress)
            let response = req.redirect(to: PortalPaths.application, redirectType: .normal)
            response.cookies[Self.cookieName] = SessionMiddleware.cookie(token, for: req)
            return response
        } catch let problems as FieldProblems {
            return try await again(problems, .unprocessableEntity)
        } catch AdmissionsError.noMatch {
            return try await again(FieldProblems("code", "Mã số hoặc ngày sinh không khớp. Vui lòng kiểm tra lại phiếu mã số và giấy khai sinh."),
                                   .unprocessableEntity)
        } catch RecordsError.throttled(let until) {
            let phone = campaign?.deskPhone ?? ""
            let message = "Đã nhập sai quá nhiều lần. Vui lòng thử lại sau \(ThrottleMessage.minutes(until: until)) phút"
                + (phone.isEmpty ? "." : ", hoặc gọi bàn thường trực tuyển sinh của trường: \(phone).")
            let response = try await again(FieldProblems("code", message), .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(max(1, Int(until.timeIntervalSinceNow.rounded(.up)))))
            return response
        }
    }

    func access(_ req: Request) async throws -> PortalAccess { try await req.portalAccess() }

    func formPage(_ req: Request, _ portalCase: PortalCase, access: PortalAccess, values: [String: String]? = nil,
                  claimed: Set<String>? = nil, problems: FieldProblems = .init(),
                  action: String = PortalPaths.application) async throws -> FormPage {
        let code = access.code
        let isDesk = action != PortalPaths.application
        let documentBase = isDesk ? AdmissionPaths.deskDocuments(code) : PortalPaths.documents
        let documents = try await req.domain.documents.list(for: access).map {
            DocumentRow(kind: $0.kindName, filename: $0.filename, size: "\(max(1, $0.size / 1024)) KB",
                        href: "\(documentBase)/\($0.id.uuidString.lowercased())")
        }
        let form = portalCase.application?.form ?? .prefilled(from: portalCase.child)
        let shown = values ?? PortalApplicationForm.values(form)
        var units = portalCase.campaign.catchmentUnits.map {
            SelectOption(value: $0.key, label: $0.label, selected: shown["residenceUnit"] == $0.key)
        }
        units.append(SelectOption(value: "outside", label: "Ngoài địa bàn tuyển sinh của trường", selected: shown["residenceUnit"] == "outside"))
        let claimed = claimed ?? Set(form.priorityCodes)
        var renamed = FieldProblems()
        for problem in problems.list {
            renamed.add(["wardCode", "hamlet"].contains(problem.field) ? "residenceUnit" : problem.field, problem.message)
        }
        return FormPage(layout: req.layout("Hồ sơ đăng ký vào lớp 1"), campaign: Self.summary(portalCase.campaign), code: code.display,
                        listedName: portalCase.child.name.full, listedBirthDate: portalCase.child.birthDate?.display ?? "",
                        listedParent: [portalCase.child.parentName, portalCase.child.parentPhone].filter { !$0.isEmpty }.joined(separator: ", "),
                        form: FormState(values: shown, problems: renamed), units: units,
                        priorities: portalCase.campaign.priorityGroups.map { Choice(value: $0.code, label: $0.name, checked: claimed.contains($0.code)) },
                        status: portalCase.application?.status.label, number: portalCase.application?.number,
                        enteredBy: portalCase.application?.enteredBy ?? "", action: action, isDesk: isDesk, documents: documents,
                        documentKinds: portalCase.campaign.requiredDocuments.map {
                            SelectOption(value: $0.code, label: $0.name + ($0.mandatory ? " (bắt buộc)" : ""), selected: false)
                        },
                        uploadAction: documentBase)
    }

    @Sendable func showApplication(req: Request) async throws -> Response {
        let access = try await access(req)
        let portalCase = try await ApplicationService(database: req.db).load(access)
        if let application = portalCase.application, application.status != .draft, (try? req.query.get(String.self, at: "sua")) == nil {
            return req.redirect(to: PortalPaths.receipt, redirectType: .normal)
        }
        return try await req.render("portal/application", formPage(req, portalCase, access: access))
    }

    @Sendable func saveApplication(req: Request) async throws -> Response {
        let access = try await access(req)
        let posted = try req.content.decode(PortalApplicationForm.self)
        let form = posted.form
        let service = ApplicationService(database: req.db)
        // The portal always acts as the parent, even in a browser where a staff member is signed in; the desk has its own routes.
        let caller = Caller.parent(code: access.code.display, address: req.clientAddress)
        do {
            if posted.action == "draft" {
                try await service.saveDraft(form, for: access, by: caller)
                return req.redirect(to: PortalPaths.application, flash: "Đã lưu nháp. Hồ sơ chưa được nộp.", kind: .info)
            }
            try await service.submit(form, for: access, by: caller)
            return req.redirect(to: PortalPaths.receipt, redirectType: .normal)
        } catch let problems as FieldProblems {
            let portalCase = try await service.load(access)
            var values = PortalApplicationForm.values(form, birthDateText: posted.childBirthDate ?? "")
            values["residenceUnit"] = posted.residenceUnit ?? ""
            return try await req.render("portal/application", try await formPage(req, portalCase, access: access, values: values,
                                                                          claimed: Set(posted.priorityCodes ?? []), problems: problems),
                                        status: .unprocessableEntity)
        }
    }

    struct Line: Encodable {
        let label: String
        let value: String
    }

    struct ReceiptPage: Encodable {
        let layout: Layout
        let campaign: CampaignSummary
        let number: String
        let status: String
        let submittedAt: String
        let lines: [Line]
        let canEdit: Bool
        let messages: [DeskController.MessageRow]
        let outcome: String?
        let waitlistPosition: Int?
        let confirmation: String?
        let canConfirm: Bool
        let confirmUntil: String?
    }

    /// What a receipt says, shared by the page and the PDF.
    static func receiptLines(_ portalCase: PortalCase, application: AdmissionApplication) -> [(String, String)] {
        let form = application.form
        let people = [("Cha", form.father), ("Mẹ", form.mother), ("Người giám hộ", form.guardian)]
            .filter { !$0.1.name.isEmpty }.map { "\($0.0): \($0.1.name), \($0.1.phone)" }
        let unit = portalCase.campaign.catchment.first { $0.wardCode == form.wardCode }
        let place = form.outsideCatchment ? "Ngoài địa bàn: \(form.addressLine)"
            : [form.addressLine, form.hamlet, unit?.wardName ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        let groups = Dictionary(portalCase.campaign.priorityGroups.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        var lines: [(String, String)] = [
            ("Số hồ sơ", application.number ?? ""), ("Mã số đăng ký", application.code.display),
            ("Nộp lúc", application.submittedAt.map(Timestamps.display) ?? ""), ("Họ và tên trẻ", form.childName.full),
            ("Ngày sinh", SchoolDate(iso: form.childBirthDate)?.display ?? ""), ("Giới tính", Gender(rawValue: form.childGender)?.label ?? ""),
            ("Cha mẹ / giám hộ", people.joined(separator: "; ")),
            ("Nơi cư trú", (form.residenceKind == "temporary" ? "Tạm trú — " : "Thường trú — ") + place),
            ("Đối tượng", form.priorityCodes.compactMap { groups[$0] }.joined(separator: "; ")),
            ("Trạng thái", application.status.label),
        ]
        if !application.enteredBy.isEmpty { lines.append(("Nhập tại bàn", "Hồ sơ được nhập tại bàn thường trực bởi \(application.enteredBy)")) }
        return lines
    }

    @Sendable func receipt(req: Request) async throws -> Response {
        let access = try await access(req)
        let portalCase = try await ApplicationService(database: req.db).load(access)
        guard let application = portalCase.application, application.status != .draft, let number = application.number else {
            return req.redirect(to: PortalPaths.application, redirectType: .normal)
        }
        return try await req.render("portal/receipt", ReceiptPage(
            layout: req.layout("Biên nhận hồ sơ \(number)"), campaign: Self.summary(portalCase.campaign), number: number,
            status: application.status.label, submittedAt: application.submittedAt.map(Timestamps.display) ?? "",
            lines: Self.receiptLines(portalCase, application: application).map { Line(label: $0.0, value: $0.1) },
            canEdit: ApplicationService.mayChange(application, in: portalCase.campaign, at: Date()),
            messages: try await DeskService(database: req.db).messages(for: access).map {
                DeskController.MessageRow(fromParent: $0.from == "parent", author: $0.author, body: $0.body, at: Timestamps.display($0.at))
            },
            outcome: application.outcome?.label, waitlistPosition: application.outcome == .waitlisted ? application.waitlistPosition : nil,
            confirmation: application.confirmation?.label,
            canConfirm: application.outcome == .admitted && application.confirmation == nil && (application.confirmUntil.map { $0 > Date() } ?? false),
            confirmUntil: application.confirmUntil.map(Timestamps.display)))
    }

    struct AskForm: Content {
        var body: String?
    }

    @Sendable func ask(req: Request) async throws -> Response {
        let access = try await access(req)
        let form = try req.content.decode(AskForm.self)
        do {
            try await DeskService(database: req.db).post(form.body ?? "", on: access,
                                                         by: .parent(code: access.code.display, address: req.clientAddress))
        } catch let problems as FieldProblems {
            return req.redirect(to: PortalPaths.receipt, flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: PortalPaths.receipt, flash: "Đã gửi câu hỏi. Nhà trường sẽ trả lời trên trang này.")
    }

    struct ConfirmForm: Content {
        var accept: String?
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let access = try await access(req)
        let accept = try req.content.decode(ConfirmForm.self).accept == "true"
        do {
            try await ConfirmationService(database: req.db).respond(accept: accept, for: access,
                                                                    by: .parent(code: access.code.display, address: req.clientAddress))
        } catch let problems as FieldProblems {
            return req.redirect(to: PortalPaths.receipt, flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: PortalPaths.receipt, flash: accept ? "Đã xác nhận nhập học. Cảm ơn gia đình." : "Đã ghi nhận: gia đình từ chối chỗ học.")
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let token = req.cookies[Self.cookieName]?.string { try await PortalService(database: req.db).close(token: token) }
        let response = req.redirect(to: PortalPaths.home, flash: "Đã thoát khỏi hồ sơ.", kind: .info)
        response.cookies[Self.cookieName] = SessionMiddleware.expired(for: req)
        return response
    }
}

extension Request {
    /// The parent's access from the portal cookie; without one, the parent is sent to the portal's first page.
    func portalAccess() async throws -> PortalAccess {
        guard let token = cookies[PortalController.cookieName]?.string, !token.isEmpty,
              let access = try await PortalService(database: db).resolve(token: token) else {
            throw Abort.redirect(to: PortalPaths.home)
        }
        return access
    }
}
