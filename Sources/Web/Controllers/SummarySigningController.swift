import Records
import Vapor

/// The summary tables of a class at a checkpoint signed by its subject teachers and its homeroom teacher, each with
/// their PKCS#12 for this request only; the signed PDF is downloaded apart from the live table.
struct SummarySigningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.summarySigning, use: show)
        routes.post(Site.summarySigning, body: .collect(maxSize: "1mb"), use: sign)
        routes.get(Site.summarySignedPDF, use: file)
    }

    struct Page: Encodable {
        let layout: Layout
        let className: String
        let checkpoint: String
        let checkpoints: [SelectOption]
        let signers: [String]
        let maySign: Bool
        let signedPDF: String?
        let livePDF: String
        let action: String
        let checkpointValue: String
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let caller = try req.caller()
        let checkpoint = AssessmentController.checkpoint(req)
        let signers = try await req.domain.summarySigning.signers(class: id, checkpoint: checkpoint, by: caller)
        let schoolClass = try await req.domain.classes.get(id, by: caller)
        let query: KeyValuePairs<String, String> = ["checkpoint": checkpoint.rawValue]
        let page = Page(
            layout: req.layout("Ký bảng tổng hợp lớp \(schoolClass.name)", active: Site.classes()), className: schoolClass.name,
            checkpoint: checkpoint.label,
            checkpoints: Checkpoint.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == checkpoint) },
            signers: signers, maySign: SummarySigning.signs(class: id, caller) && !signers.contains(caller.displayName),
            signedPDF: signers.isEmpty ? nil : Site.summarySignedPDF(id, query: query), livePDF: Site.summaryPDF(id, query: query),
            action: Site.summarySigning(id), checkpointValue: checkpoint.rawValue)
        return try await req.render("assessment/summary-signing", page)
    }

    @Sendable func sign(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let checkpoint = (try? req.content.get(String.self, at: "checkpoint")).flatMap(Checkpoint.init(rawValue:)) ?? .endTerm1
        let back = Site.summarySigning(id, query: ["checkpoint": checkpoint.rawValue])
        return try await req.redirect(to: back, done: "Đã ký bảng tổng hợp \(checkpoint.label).") {
            try await req.domain.summarySigning.sign(class: id, checkpoint: checkpoint, identity: req.uploadedIdentity(), by: req.caller())
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let checkpoint = AssessmentController.checkpoint(req)
        guard let bytes = try await req.domain.summarySigning.file(class: id, checkpoint: checkpoint, by: req.caller()) else {
            throw Abort(.notFound)
        }
        return try await PrintoutsController.pdf(filename: "bang-tong-hop-da-ky-\(checkpoint.code).pdf", on: req) { bytes }
    }
}
