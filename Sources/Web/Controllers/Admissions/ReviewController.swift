import Admissions
import Documents
import Fluent
import Records
import Vapor

/// The admissions council's pages: the queue and one application with its documents, checklist and decision.
struct ReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.review, use: current)
        routes.get(Site.reviewQueue, use: queue)
        routes.get(Site.reviewQueueXLSX, use: queueXLSX)
        routes.get(Site.reviewApplication, use: show)
        routes.post(Site.reviewApplication, use: decide)
        routes.get(Site.reviewDocument, use: document)
    }

    @Sendable func current(req: Request) async throws -> Response {
        try req.domain.review.authorize(by: req.caller())
        guard let campaign = try await req.domain.campaigns.current() else { throw RecordsError.notFound }
        return req.redirect(to: Site.reviewQueue(campaign.id), redirectType: .normal)
    }

    /// The queue of the campaign in the path as its filters in the query select it: a page of it (keyset on the
    /// application number, `after`) for the page, all of it for the workbook.
    func queueRows(_ req: Request, paged: Bool) async throws -> (campaign: Campaign, rows: [ReviewPages.QueueRow], next: Int?) {
        let caller = try req.caller()
        let id = try req.pathValue(CampaignID.self)
        let campaign = try await req.domain.campaigns.get(id, by: caller)
        let query = Self.query(req)
        let filter = ReviewFilter(
            status: query("status").flatMap(ApplicationStatus.init(rawValue:)), unit: query("unit"), group: query("group"),
            documentsOpen: query("docs") != nil, atDesk: query("desk") != nil, search: query("q") ?? "")
        let items: [ReviewItem]
        var next: Int?
        if paged {
            let page = try await req.domain.review.queuePage(id, filter: filter, after: query("after").flatMap { Int($0) }, by: caller)
            items = page.items
            next = page.next
        } else {
            items = try await req.domain.review.queue(id, filter: filter, by: caller)
        }
        let rows = items.map { item in
            ReviewPages.QueueRow(
                number: item.application.number ?? "", childName: item.application.form.childName.full,
                status: item.application.status.label,
                claims: item.application.form.priorityCodes.joined(separator: ", "), verifiedGroup: item.review.verifiedGroup ?? "",
                documents: item.documentCount, atDesk: !item.application.enteredBy.isEmpty,
                href: Site.reviewApplication(item.application.id))
        }
        return (campaign, rows, next)
    }

    static func query(_ req: Request) -> (String) -> String? {
        { name in (try? req.query.get(String.self, at: name)).flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// The applications as Excel, with the filters of the page applied.
    @Sendable func queueXLSX(req: Request) async throws -> Response {
        let (campaign, rows, _) = try await queueRows(req, paged: false)
        let cells: [[XLSXCell]] = rows.map { row in
            [row.number, row.childName, row.status, row.claims, row.verifiedGroup].map(XLSXCell.text)
                + [.integer(row.documents), .text(row.atDesk ? "Tại bàn trực" : "Trực tuyến")]
        }
        return try await XLSXResponse.sheet(
            "ho-so-tuyen-sinh-\(campaign.schoolYearName).xlsx", name: "Hồ sơ",
            header: ["Số hồ sơ", "Họ và tên trẻ", "Trạng thái", "Ưu tiên kê khai", "Ưu tiên đã xác minh", "Số giấy tờ", "Nộp"],
            rows: cells, on: req)
    }

    @Sendable func queue(req: Request) async throws -> Response {
        let (campaign, rows, next) = try await queueRows(req, paged: true)
        let id = campaign.id
        let query = Self.query(req)
        var units = campaign.catchmentUnits.map { SelectOption(value: $0.key, label: $0.label, selected: false) }
        units.append(SelectOption(value: "outside", label: "Ngoài địa bàn", selected: false))
        let values = [
            "status": query("status") ?? "", "unit": query("unit") ?? "", "group": query("group") ?? "",
            "docs": query("docs") == nil ? "" : "true", "desk": query("desk") == nil ? "" : "true", "q": query("q") ?? "",
        ]
        return try await req.render(
            "admissions/review-queue",
            ReviewPages.QueuePage(
                layout: req.layout("Hội đồng tuyển sinh", active: Site.review()), campaignTitle: campaign.title,
                action: Site.reviewQueue(id), rows: rows, xlsxPath: Site.reviewQueueXLSX(id) + req.query(replacing: "after", with: nil),
                nextPath: next.map { Site.reviewQueue(id) + req.query(replacing: "after", with: String($0)) },
                firstPath: query("after") == nil ? nil : Site.reviewQueue(id) + req.query(replacing: "after", with: nil),
                statuses: ApplicationStatus.allCases.filter { $0 != .draft }.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: false)
                },
                units: units,
                groups: campaign.priorityGroups.map { SelectOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: false) },
                form: FormState(values: values)))
    }

    func applicationID(_ req: Request) throws -> AdmissionApplicationID {
        let id = try req.pathValue(AdmissionApplicationID.self, "application")
        return id
    }

    func showPage(_ req: Request, _ id: AdmissionApplicationID, form: FormState? = nil) async throws -> ReviewPages.ShowPage {
        let caller = try req.caller()
        let (item, access) = try await req.domain.review.item(id, by: caller)
        let portalCase = try await req.domain.applications.load(access)
        let documents = try await req.domain.documents.list(for: access).map {
            ReviewPages.DocumentRow(
                kind: $0.kindName, filename: $0.filename, href: Site.reviewDocument(id, $0.id),
                isImage: $0.mediaType.hasPrefix("image/"))
        }
        let states = Dictionary(item.review.checklist.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let checks = portalCase.campaign.requiredDocuments.map { document in
            ReviewPages.CheckRow(
                code: document.code, name: document.name, mandatory: document.mandatory,
                state: states[document.code]?.state.rawValue ?? DocumentCheck.unchecked.rawValue,
                stateLabel: (states[document.code]?.state ?? .unchecked).label, note: states[document.code]?.note ?? "")
        }
        let lines =
            PortalPages.receiptLines(portalCase, application: item.application, contacts: caller.may(.seeFamilyContacts))
            .map { ReviewPages.Line(label: $0.0, value: $0.1) }
            + [ReviewPages.Line(label: "Phụ huynh khai nhóm", value: item.application.form.priorityCodes.joined(separator: ", "))]
        let values = [
            "decision": "", "group": item.review.verifiedGroup ?? item.application.form.priorityCodes.first ?? "", "note": item.review.note,
        ]
        return ReviewPages.ShowPage(
            layout: req.layout("Hồ sơ \(item.application.number ?? "")", active: Site.review()),
            number: item.application.number ?? "", status: item.application.status.label, version: item.application.version,
            lines: lines, documents: documents, checks: checks,
            states: DocumentCheck.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            groups: portalCase.campaign.priorityGroups.map {
                SelectOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: false)
            },
            reviewedBy: item.review.reviewedBy, action: Site.reviewApplication(id), correctAction: Site.resultCorrection(id),
            canCorrect: try await canCorrect(req, caller, portalCase.campaign.id), canDecide: caller.may(.reviewApplications),
            nextHref: caller.may(.reviewApplications)
                ? try await nextWaiting(req, in: portalCase.campaign.id, after: id, by: caller).map { Site.reviewApplication($0.id) } : nil,
            form: form ?? FormState(values: values))
    }

    /// The first application still waiting for the council, other than `current`, in number order.
    func nextWaiting(_ req: Request, in campaign: CampaignID, after current: AdmissionApplicationID, by caller: Caller) async throws
        -> AdmissionApplication?
    {
        try await req.domain.review.queuePage(campaign, filter: ReviewFilter(status: .submitted), limit: 2, by: caller)
            .items.map(\.application).first { $0.id != current }
    }

    func canCorrect(_ req: Request, _ caller: Caller, _ campaign: CampaignID) async throws -> Bool {
        guard caller.may(.approveAdmissions) else { return false }
        return try await req.domain.draws.state(campaign, by: caller)?.publishedAt != nil
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("admissions/review", showPage(req, applicationID(req)))
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let id = try applicationID(req)
        let caller = try req.caller()
        let body = try req.content.decode([String: String].self)
        let codes = body.keys.filter { $0.hasPrefix("check-") }.map { String($0.dropFirst(6)) }
        let checklist = codes.sorted().map { code in
            ChecklistItem(
                code: code, state: DocumentCheck(rawValue: body["check-\(code)"] ?? "") ?? .unchecked, note: body["note-\(code)"] ?? "")
        }
        let note = body["note"] ?? ""
        let decision: ReviewDecision? =
            switch body["decision"] {
            case "verified": .verified(group: (body["group"] ?? "").isEmpty ? nil : body["group"])
            case "needsInfo": .needsInfo(message: note)
            case "notEligible": .notEligible(reason: note)
            default: nil
            }
        do {
            guard let decision else { throw FieldProblems("decision", "Vui lòng chọn kết luận.") }
            let application = try await req.domain.review.decide(
                id, checklist: checklist, decision: decision,
                version: Int(body["version"] ?? "") ?? -1, by: caller)
            // The member goes on to the next application waiting, not back to the list.
            let said = "Đã ghi kết luận cho hồ sơ \(application.number ?? ""): \(application.status.label)."
            guard let next = try await nextWaiting(req, in: application.campaignID, after: id, by: caller) else {
                return req.redirect(to: Site.reviewQueue(application.campaignID), flash: said + " Không còn hồ sơ nào chờ xét.")
            }
            return req.redirect(to: Site.reviewApplication(next.id), flash: said + " Tiếp theo: hồ sơ \(next.number ?? "").")
        } catch let problems as FieldProblems {
            let values = ["decision": body["decision"] ?? "", "group": body["group"] ?? "", "note": note]
            return try await req.render(
                "admissions/review", showPage(req, id, form: FormState(values: values, problems: problems)),
                status: .unprocessableEntity)
        }
    }

    @Sendable func document(req: Request) async throws -> Response {
        let id = try applicationID(req)
        let documentID = try req.pathValue(UUID.self, "document")
        let (_, access) = try await req.domain.review.item(id, by: req.caller())
        let (document, bytes) = try await req.domain.documents.content(documentID, for: access)
        let response = DocumentsController.serve(document, bytes)
        if document.mediaType.hasPrefix("image/") {
            // Images are shown in the page for the council; everything else stays a download.
            response.headers.contentDisposition = .init(.inline, filename: document.filename)
        }
        return response
    }
}
