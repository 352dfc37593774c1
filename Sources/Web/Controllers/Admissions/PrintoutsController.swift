import Admissions
import Documents
import Fluent
import Records
import Vapor

/// PDFs of admissions: slips per kindergarten, handover records, the parent's receipt. Rendering runs on the thread
/// pool, never on an event loop.
struct PrintoutsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.slips, use: slips)
        routes.post(Site.handover, use: recordHandover)
        routes.get(Site.handoverRecord, use: handoverPDF)
        routes.get(Site.portalReceiptPDF, use: receiptPDF)
    }

    static func pdf(_ document: PDFDocument, filename: String, on req: Request) async throws -> Response {
        try await pdf(filename: filename, on: req) { try document.render() }
    }

    /// The bytes `make` renders on the thread pool, served inline as `filename`.
    static func pdf(filename: String, on req: Request, _ make: @escaping @Sendable () throws -> [UInt8]) async throws -> Response {
        let bytes = try await req.application.threadPool.runIfActive { try make() }
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.contentDisposition = .init(.inline, filename: filename)
        return response
    }

    func kindergarten(_ req: Request) throws -> KindergartenID {
        let id = try req.pathValue(KindergartenID.self, "kg")
        return id
    }

    /// The kindergarten's campaign and children (with codes).
    func context(_ req: Request, _ kg: KindergartenID, caller: Caller) async throws -> (Campaign, [ListedChild]) {
        let lists = req.domain.lists
        let campaignID = try await lists.campaign(ofKindergarten: kg)
        let campaign = try await req.domain.campaigns.get(campaignID, by: req.caller())
        return (campaign, try await lists.children(of: campaignID, kindergarten: kg, by: caller))
    }

    @Sendable func slips(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.lists.authorizeLists(by: caller)
        let (campaign, children) = try await context(req, kindergarten(req), caller: caller)
        let document = AdmissionPrintouts.slips(
            school: req.school?.name ?? "", campaign: campaign, children: children,
            portalURL: req.application.config.publicURL)
        return try await Self.pdf(document, filename: "phieu-ma-so.pdf", on: req)
    }

    @Sendable func recordHandover(req: Request) async throws -> Response {
        let caller = try req.caller()
        let kg = try kindergarten(req)
        let form = try req.content.decode(PrintoutsPages.HandoverForm.self)
        let campaignID = try await req.domain.lists.campaign(ofKindergarten: kg)
        do {
            let handover = try await req.domain.handovers.record(
                kindergarten: kg, handedBy: form.handedBy ?? "",
                receivedBy: form.receivedBy ?? "", by: caller)
            return req.redirect(
                to: Site.campaign(campaignID),
                flash: "Đã ghi nhận bàn giao \(handover.slipCount) phiếu cho \(handover.kindergartenName). In biên bản ở mục Bàn giao.")
        } catch let problems as FieldProblems {
            return req.redirect(
                to: Site.campaign(campaignID), flash: problems.list.map(\.message).joined(separator: " "), kind: .error)
        }
    }

    @Sendable func handoverPDF(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.lists.authorizeLists(by: caller)
        let id = try req.pathValue(UUID.self)
        let handover = try await req.domain.handovers.get(id, by: caller)
        let (campaign, children) = try await context(req, handover.kindergartenID, caller: caller)
        let document = AdmissionPrintouts.handover(
            school: req.school?.name ?? "", campaign: campaign, handover: handover, children: children)
        return try await Self.pdf(document, filename: "bien-ban-ban-giao.pdf", on: req)
    }

    @Sendable func receiptPDF(req: Request) async throws -> Response {
        let access = try await req.portalAccess()
        let portalCase = try await req.domain.applications.load(access)
        guard let application = portalCase.application, application.status != .draft else {
            throw Abort.redirect(to: Site.portalApplication())
        }
        let document = AdmissionPrintouts.receipt(
            school: req.school?.name ?? "", campaign: portalCase.campaign, application: application,
            lines: PortalPages.familyReceiptLines(
                portalCase, application: application, documents: try await req.domain.documents.list(for: access)))
        return try await Self.pdf(document, filename: "bien-nhan-\(application.number ?? "").pdf", on: req)
    }
}
