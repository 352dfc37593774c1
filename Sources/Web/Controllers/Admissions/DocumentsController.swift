import Admissions
import Fluent
import Records
import Vapor

/// Uploading and viewing an application's documents, by the parent (portal) or the desk.
struct DocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(Site.portalDocuments, body: .collect(maxSize: ApplicationFormAction.bodyLimit), use: parentUpload)
        routes.get(Site.portalDocument, use: parentView)
        routes.post(Site.deskDocuments, body: .collect(maxSize: ApplicationFormAction.bodyLimit), use: deskUpload)
        routes.get(Site.deskDocument, use: deskView)
    }

    static func serve(_ document: ApplicationDocument, _ bytes: [UInt8]) -> Response {
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: document.mediaType)
        response.headers.contentDisposition = .init(.attachment, filename: document.filename)
        // A stored file is never a page: no scripts, no plugins, even if a browser sniffed it as one.
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return response
    }

    func portalAccess(_ req: Request) async throws -> PortalAccess { try await req.portalAccess() }

    @Sendable func parentUpload(req: Request) async throws -> Response {
        let access = try await portalAccess(req)
        return try await req.postApplicationForm(access, by: req.parentCaller(access), context: .portal, defaultAction: .upload)
    }

    @Sendable func parentView(req: Request) async throws -> Response {
        let access = try await portalAccess(req)
        let id = try req.pathValue(UUID.self)
        let (document, bytes) = try await req.domain.documents.content(id, for: access)
        return Self.serve(document, bytes)
    }

    func deskAccess(_ req: Request) async throws -> (PortalAccess, Caller) {
        let caller = try req.caller()
        let code = try req.pathValue(RegistrationCode.self, "code")
        return (try await req.domain.desk.access(code, by: caller), caller)
    }

    @Sendable func deskUpload(req: Request) async throws -> Response {
        let (access, caller) = try await deskAccess(req)
        return try await req.postApplicationForm(access, by: caller, context: .desk(access.code), defaultAction: .upload)
    }

    @Sendable func deskView(req: Request) async throws -> Response {
        let (access, _) = try await deskAccess(req)
        let id = try req.pathValue(UUID.self)
        let (document, bytes) = try await req.domain.documents.content(id, for: access)
        return Self.serve(document, bytes)
    }
}
