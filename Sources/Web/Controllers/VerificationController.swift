import Records
import Vapor

/// The public verification of documents hoso issued (no sign-in): the code printed under the QR code leads to the
/// document's kind, school, date, SHA-256 and signers, and whether a newer issue replaced it — nothing of the pupil.
struct VerificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.verifyForm, use: form)
        routes.get(Site.verifyDocument, use: document)
    }

    struct Page: Encodable {
        let layout: Layout
        let code: String
        let found: Bool
        let asked: Bool
        let kind: String
        let title: String
        let school: String
        let issuedAt: String
        let sha256: String
        let signers: [String]
        let superseded: Bool
    }

    func render(_ req: Request, code: String) async throws -> Response {
        let asked = !code.isEmpty
        let found = asked ? try await req.domain.documentRegistry.lookup(code) : nil
        let page = Page(
            layout: req.layout("Xác minh văn bản", active: Site.verifyForm()), code: found?.code ?? code, found: found != nil, asked: asked,
            kind: found?.kind ?? "", title: found?.title ?? "", school: found?.school ?? "",
            issuedAt: found.map { Timestamps.display($0.issuedAt) } ?? "", sha256: found?.sha256 ?? "", signers: found?.signers ?? [],
            superseded: found?.superseded ?? false)
        return try await req.render("verify", page, status: asked && found == nil ? .notFound : .ok)
    }

    @Sendable func form(req: Request) async throws -> Response {
        try await render(req, code: (try? req.query.get(String.self, at: "ma")) ?? "")
    }

    @Sendable func document(req: Request) async throws -> Response {
        try await render(req, code: try req.pathValue(VerificationCode.self, "code").text)
    }
}
