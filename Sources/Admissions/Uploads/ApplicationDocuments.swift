import Documents
import FluentKit
import Foundation
import Records
import SQLKit

/// An uploaded document of an application (birth certificate, residence evidence…).
public struct ApplicationDocument: Sendable, Equatable {
    public let id: UUID
    /// The campaign's document code, such as `KS`.
    public let kind: String
    public let kindName: String
    public let filename: String
    public let mediaType: String
    public let size: Int
    public let uploadedAt: Date
    public let uploadedBy: String
}

/// Where uploaded files live: a folder outside `Public/`, files named by a random ID (never by the sender's name).
public struct FileStore: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The folder's staged writes (``StagedFolder``): a document's file is staged before the transaction that records
    /// it and published once that commits; ``DocumentService/finishStaged(olderThan:)`` finishes one cut off between.
    var folder: StagedFolder { StagedFolder(directory) }

    func stage(_ bytes: [UInt8], name: String) throws { try folder.stage(bytes, name: name) }

    func publish(_ name: String) throws {
        guard folder.publish(name) else { throw CocoaError(.fileWriteUnknown) }
    }

    func remove(_ name: String) { folder.remove(name) }

    func read(_ name: String) throws -> [UInt8] { try folder.read(name) }
}

/// Document uploads: checked by content and size, stored outside the web root, listed per application.
public struct DocumentService: Sendable {
    let database: any Database
    let store: FileStore
    let clock: @Sendable () -> Date
    let campaigns: CampaignCache

    /// The service over `database` and `store`; `campaigns` keeps the campaigns between requests (none by default).
    public init(
        database: any Database, store: FileStore, clock: @escaping @Sendable () -> Date = Date.init,
        campaigns: CampaignCache = CampaignCache(maxAge: 0)
    ) {
        self.database = database
        self.store = store
        self.clock = clock
        self.campaigns = campaigns
    }

    /// Stores a document for a code's application while the window is open; refusals come back by field `file`.
    @discardableResult
    public func upload(_ bytes: [UInt8], filename: String, kind: String, for access: PortalAccess, by caller: Caller) async throws
        -> ApplicationDocument
    {
        let now = clock()
        guard let campaign = try await campaigns.campaign(access.campaignID, on: database) else { throw RecordsError.notFound }
        guard let documentKind = campaign.requiredDocuments.first(where: { $0.code == kind }) else {
            throw FieldProblems("kind", "Vui lòng chọn loại giấy tờ.")
        }
        let status = try await ApplicationRow.query(on: database).filter(\.$campaignID == access.campaignID.uuid)
            .filter(\.$code == access.code.symbols).first()?.status
        guard ApplicationService.mayChange(status, windows: campaign.windows, at: now) else { throw AdmissionsError.windowClosed }
        let type: UploadInspector.Kind
        switch UploadInspector.inspect(bytes) {
        case .success(let kind): type = kind
        case .failure(let refusal): throw FieldProblems("file", refusal.message)
        }
        let id = UUID()
        let storedName = "\(id.uuidString.lowercased()).\(type.fileExtension)"
        let digest = SecureToken.sha256Hex(bytes)
        let cleanName = String(VietnameseText.clean(filename).filter { !"/\\\"<>".contains($0) }.prefix(120))
        let uploader = caller.isParent ? "Phụ huynh" : caller.displayName
        let store = self.store
        // Written before the transaction, so the audit lock is not held while the disk syncs; named after it commits.
        try store.stage(bytes, name: storedName)
        let document: ApplicationDocument
        do {
            document = try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
                // Counted under the audit lock that every audited write takes first, so thirty uploads sent at once
                // cannot all see room for one more.
                let existing = try await DocumentRow.query(on: db).filter(\.$code == access.code.symbols).count()
                guard existing < Self.maxFilesPerApplication else {
                    throw FieldProblems("file", "Mỗi hồ sơ tải lên tối đa \(Self.maxFilesPerApplication) tệp.")
                }
                let row = DocumentRow()
                row.id = id
                row.code = access.code.symbols
                row.kind = kind
                row.filename = cleanName.isEmpty ? "tep.\(type.fileExtension)" : cleanName
                row.mediaType = type.mediaType
                row.size = bytes.count
                row.sha256 = digest
                row.storedName = storedName
                row.uploadedAt = now.timeIntervalSince1970
                row.uploadedBy = uploader
                try await row.create(on: db)
                return (
                    Self.value(row, name: documentKind.name),
                    [
                        AuditEvent(
                            action: "document.upload", entity: "child", entityID: access.childID.description,
                            summary: "Tải lên \(documentKind.name) cho mã \(access.code.masked) (\(bytes.count / 1024) KB)",
                            before: String?.none, after: digest)
                    ]
                )
            }
        } catch {
            // Nothing was committed: no file is left behind.
            store.remove(storedName)
            throw error
        }
        try? store.publish(storedName)
        return document
    }

    /// Files staged before `date` whose upload never finished (the process was killed between writing and naming
    /// them): published when their row committed, removed when it did not. Run by the minute job; returns how many
    /// were published and removed.
    public func finishStaged(olderThan date: Date) async throws -> (published: Int, removed: Int) {
        try await store.folder.finish(before: date) { name in
            try await DocumentRow.query(on: database).filter(\.$storedName == name).first() != nil
        }
    }

    /// The most files one application may hold.
    static let maxFilesPerApplication = 20

    /// The documents of a code's application, oldest first.
    public func list(for access: PortalAccess) async throws -> [ApplicationDocument] {
        guard let campaign = try await campaigns.campaign(access.campaignID, on: database) else { throw RecordsError.notFound }
        let names = Dictionary(
            campaign.requiredDocuments.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        // On every page of a parent's flow, so read as plain rows.
        struct Listed: Decodable {
            let id: UUID
            let kind: String
            let filename: String
            let mediaType: String
            let size: Int
            let uploadedAt: Double
            let uploadedBy: String
            enum CodingKeys: String, CodingKey, CaseIterable {
                case id, kind, filename, size
                case mediaType = "media_type"
                case uploadedAt = "uploaded_at"
                case uploadedBy = "uploaded_by"
            }
        }
        return try await database.sql().select().columns(Listed.CodingKeys.allCases.map { SQLColumn($0.rawValue) })
            .from(DocumentRow.schema).where("code", .equal, SQLBind(access.code.symbols)).orderBy("uploaded_at")
            .all(decoding: Listed.self)
            .map {
                ApplicationDocument(
                    id: $0.id, kind: $0.kind, kindName: names[$0.kind] ?? $0.kind, filename: $0.filename, mediaType: $0.mediaType,
                    size: $0.size, uploadedAt: Date(timeIntervalSince1970: $0.uploadedAt), uploadedBy: $0.uploadedBy)
            }
    }

    /// A document's bytes, for its own application only.
    public func content(_ id: UUID, for access: PortalAccess) async throws -> (ApplicationDocument, [UInt8]) {
        guard let row = try await DocumentRow.find(id, on: database), row.code == access.code.symbols else { throw RecordsError.notFound }
        return (Self.value(row, name: row.kind), try store.read(row.storedName))
    }

    static func value(_ row: DocumentRow, name: String) -> ApplicationDocument {
        ApplicationDocument(
            id: row.id!, kind: row.kind, kindName: name, filename: row.filename, mediaType: row.mediaType, size: row.size,
            uploadedAt: Date(timeIntervalSince1970: row.uploadedAt), uploadedBy: row.uploadedBy)
    }
}
