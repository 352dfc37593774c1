import Admissions
import Fluent
import Records
import Vapor

/// Uploading and viewing an application's documents, by the parent (portal) or the desk.
struct DocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(Site.portalDocuments, body: .collect(maxSize: "6mb"), use: parentUpload)
        routes.get(Site.portalDocument, use: parentView)
        routes.post(Site.deskDocuments, body: .collect(maxSize: "6mb"), use: deskUpload)
        routes.get(Site.deskDocument, use: deskView)
    }

    func upload(_ req: Request, access: PortalAccess, caller: Caller, context: FormContext) async throws -> Response {
        let form = try req.content.decode(DocumentsPages.UploadForm.self)
        do {
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw FieldProblems("file", "Vui lòng chọn tệp để tải lên (tệp vừa chọn trống).")
            }
            let document = try await req.domain.documents.upload(
                Array(file.data.readableBytesView), filename: file.filename,
                kind: form.kind ?? "", for: access, by: caller)
            return req.redirect(to: context.formPage, flash: "Đã tải lên \(document.kindName): \(document.filename).")
        } catch let problems as FieldProblems {
            // The application form comes back with the refusal named next to the upload field; nothing was stored.
            return try await req.renderApplicationForm(access, context: context, problems: problems)
        } catch AdmissionsError.windowClosed {
            // The page that comes back says the portal has closed and whom to call, not a bare 409.
            let response = try await req.renderApplicationForm(access, context: context)
            response.status = .conflict
            return response
        }
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
        return try await upload(
            req, access: access, caller: req.parentCaller(access),
            context: .portal)
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
        return try await upload(req, access: access, caller: caller, context: .desk(access.code))
    }

    @Sendable func deskView(req: Request) async throws -> Response {
        let (access, _) = try await deskAccess(req)
        let id = try req.pathValue(UUID.self)
        let (document, bytes) = try await req.domain.documents.content(id, for: access)
        return Self.serve(document, bytes)
    }
}
