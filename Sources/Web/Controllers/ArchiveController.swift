import Records
import Vapor

/// The year-end archive of a school year: the principal closes the year, the clerk archives it, and anyone with the
/// register's rights downloads a file of it or a pupil's handover bundle (each copy logged).
struct ArchiveController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.yearArchive, use: show)
        routes.post(Site.yearArchiveClose, use: close)
        routes.post(Site.yearArchive, use: archive)
        routes.get(Site.yearArchiveFile, use: file)
        routes.get(Site.handoverBundle, use: handover)
    }

    struct FileRow: Encodable {
        let path: String
        let kind: String
        let size: String
        let signers: String
        let link: String
    }

    struct Page: Encodable {
        let layout: Layout
        let yearName: String
        let closed: String?
        let archived: String?
        let mayClose: Bool
        let mayArchive: Bool
        let files: [FileRow]
        let unsigned: [String]
        let manifest: String
        let signature: String
        let closeAction: String
        let archiveAction: String
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.pathValue(SchoolYearID.self)
        let caller = try req.caller()
        let status = try await req.domain.yearArchive.status(year: id, by: caller)
        let link = { (path: String) in Site.yearArchiveFile(id, query: ["path": path]) }
        let files = (status.manifest?.files ?? []).map {
            FileRow(
                path: $0.path, kind: $0.kind, size: BackupsController.size($0.size), signers: $0.signers.joined(separator: "; "),
                link: link($0.path))
        }
        let page = Page(
            layout: req.layout("Lưu trữ năm học \(status.yearName)", active: Site.years()), yearName: status.yearName,
            closed: status.closedAt.map { "\(Timestamps.display($0)), \(status.closedBy ?? "")" },
            archived: status.archivedAt.map { "\(Timestamps.display($0)), \(status.archivedBy ?? "")" },
            mayClose: caller.may(.controlAssessment) && status.closedAt == nil,
            mayArchive: caller.may(.writeRegister) && status.closedAt != nil && status.archivedAt == nil, files: files,
            unsigned: status.manifest?.unsigned ?? [], manifest: link("manifest.json"), signature: link("manifest.json.p7s"),
            closeAction: Site.yearArchiveClose(id), archiveAction: Site.yearArchive(id))
        return try await req.render("school/archive", page)
    }

    @Sendable func close(req: Request) async throws -> Response {
        let id = try req.pathValue(SchoolYearID.self)
        return try await req.redirect(to: Site.yearArchive(id), done: "Đã khoá sổ năm học; văn thư lưu trữ được.") {
            try await req.domain.yearArchive.close(year: id, by: req.caller())
        }
    }

    @Sendable func archive(req: Request) async throws -> Response {
        let id = try req.pathValue(SchoolYearID.self)
        let caller = try req.caller()
        do {
            let manifest = try await req.domain.yearArchive.archive(year: id, by: caller)
            let unsigned = manifest.unsigned.isEmpty ? "" : " \(manifest.unsigned.count) học bạ chưa ký đủ."
            return req.redirect(to: Site.yearArchive(id), flash: "Đã lưu trữ \(manifest.files.count) tệp, danh mục đã ký số.\(unsigned)")
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.yearArchive(id), flash: problems.list.first?.message ?? "", kind: .error)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        let id = try req.pathValue(SchoolYearID.self)
        let path = (try? req.query.get(String.self, at: "path")) ?? ""
        guard let bytes = try await req.domain.yearArchive.file(year: id, path: path, by: req.caller()) else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        let name = path.split(separator: "/").last.map(String.init) ?? "tep"
        response.headers.contentType =
            name.hasSuffix(".pdf")
            ? HTTPMediaType(type: "application", subType: "pdf")
            : name.hasSuffix(".json") ? .json : HTTPMediaType(type: "application", subType: "pkcs7-signature")
        response.headers.contentDisposition = .init(.attachment, filename: name)
        return response
    }

    @Sendable func handover(req: Request) async throws -> Response {
        let student = try req.pathValue(StudentID.self)
        do {
            let bundle = try await req.domain.yearArchive.handover(student: student, by: req.caller())
            let response = Response(status: .ok, body: .init(data: Data(bundle.bytes)))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "zip")
            response.headers.contentDisposition = .init(.attachment, filename: bundle.fileName)
            return response
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.registerEntry(student), flash: problems.list.first?.message ?? "", kind: .error)
        }
    }
}
