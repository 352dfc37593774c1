import Documents
import FluentKit
import Foundation

/// Where the contact book's files lie: a folder outside `Public/` (the uploads folder's `contact`, which the backups
/// take), each file named by a random ID, never by the sender's name.
public struct ContactFiles: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    func write(_ bytes: [UInt8], name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: [.atomic])
    }

    /// The folder's staged writes (``StagedFolder``): an attachment's file is staged before its row commits and
    /// published after; ``ContactBook/finishStagedFiles(olderThan:)`` finishes one cut off between.
    var staging: StagedFolder { StagedFolder(folder) }

    func stage(_ bytes: [UInt8], name: String) throws { try staging.stage(bytes, name: name) }

    func publish(_ name: String) { staging.publish(name) }

    func read(_ name: String) throws -> [UInt8] { try staging.read(name) }

    func remove(_ name: String) { staging.remove(name) }

    /// Keeps a file chosen on the compose page's preview step until it is sent, under `pending/`; returns its token.
    public func keepPending(_ bytes: [UInt8], kind: UploadInspector.Kind) throws -> String {
        let token = "\(UUID().uuidString.lowercased()).\(kind.fileExtension)"
        try write(bytes, name: "pending/\(token)")
        return token
    }

    /// The bytes of pending file `token`; nil for anything that is not a pending file's token.
    public func pending(_ token: String) -> [UInt8]? {
        guard Self.isToken(token) else { return nil }
        return try? read("pending/\(token)")
    }

    /// Forgets pending file `token` (once sent).
    public func dropPending(_ token: String) {
        guard Self.isToken(token) else { return }
        remove("pending/\(token)")
    }

    /// Removes pending files older than `age` seconds (a preview never sent).
    public func purgePending(olderThan age: TimeInterval = 86_400, now: Date = Date()) {
        let pending = folder.appendingPathComponent("pending")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pending.path)) ?? []
        for name in names {
            let url = pending.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? now
            if now.timeIntervalSince(modified) > age { try? FileManager.default.removeItem(at: url) }
        }
    }

    static func isToken(_ token: String) -> Bool {
        let parts = token.split(separator: ".")
        return parts.count == 2 && UUID(uuidString: String(parts[0])) != nil && ["pdf", "jpg", "png"].contains(parts[1])
    }
}

/// A file the sender attaches to an announcement or a message: a PDF or a photo (JPEG, PNG), checked by content.
public struct AttachmentUpload: Sendable, Equatable {
    public var bytes: [UInt8]
    public var filename: String
    /// For a photo: whether pupils can be recognised in it (`nil`: the sender has not said).
    public var showsPupils: Bool?
    /// The pupils in the photo; each needs their family's recorded consent, and their own from the age of 7.
    public var pictured: [StudentID]

    public init(bytes: [UInt8], filename: String, showsPupils: Bool? = nil, pictured: [StudentID] = []) {
        self.bytes = bytes
        self.filename = filename
        self.showsPupils = showsPupils
        self.pictured = pictured
    }
}

/// A file attached to an announcement or a message, as its readers see it listed.
public struct ContactAttachment: Sendable, Equatable {
    public let id: UUID
    public let filename: String
    public let mediaType: String
    public let size: Int
}

extension ContactBook {
    /// Checks `upload` — its content, and for a photo in an announcement to `audience` showing pupils, that each is
    /// among the audience and has the consents (a conversation, `audience` nil, goes to the child's own family) —
    /// and returns the row to store with it. Refusals are field problems of `attachment`, `showsPupils`, `pictured`.
    func checked(_ upload: AttachmentUpload, audience: Set<UUID>?, id: UUID, on db: any Database) async throws -> ContactAttachmentRow {
        let kind: UploadInspector.Kind
        switch UploadInspector.inspect(upload.bytes) {
        case .success(let found): kind = found
        case .failure(let refusal): throw FieldProblems("attachment", refusal.message)
        }
        let photo = kind != .pdf && audience != nil
        if photo && upload.showsPupils == nil { throw FieldProblems("showsPupils", "Cho biết ảnh có hình học sinh hay không.") }
        let showsPupils = photo && upload.showsPupils == true
        if showsPupils {
            if upload.pictured.isEmpty { throw FieldProblems("pictured", "Chọn những học sinh có trong ảnh.") }
            if upload.pictured.contains(where: { audience?.contains($0.uuid) != true }) {
                throw FieldProblems("pictured", "Học sinh có trong ảnh phải thuộc lớp hoặc nhóm nhận thông báo.")
            }
            let consents = try await Self.consents(upload.pictured.map(\.uuid), at: clock(), on: db)
            let missing = upload.pictured.filter { consents[$0.uuid]?.allowsPhotos != true }
            if !missing.isEmpty {
                let names = try await StudentRow.query(on: db).filter(\.$id ~~ missing.map(\.uuid)).all().map(\.name.full).sorted()
                throw FieldProblems(
                    "pictured",
                    "Chưa có đồng ý đăng ảnh của gia đình (và của em, với học sinh từ 7 tuổi): \(names.joined(separator: ", ")).")
            }
        }
        let row = ContactAttachmentRow()
        row.id = id
        let clean = String(VietnameseText.clean(upload.filename).filter { !"/\\\"<>".contains($0) }.prefix(120))
        row.filename = clean.isEmpty ? "tep.\(kind.fileExtension)" : clean
        row.mediaType = kind.mediaType
        row.size = upload.bytes.count
        row.sha256 = SecureToken.sha256Hex(upload.bytes)
        row.storedName = Self.storedName(id, kind)
        row.showsPupils = showsPupils
        row.createdAt = Timestamps.storage(clock())
        return row
    }

    /// Stages `upload`'s bytes for `row` and creates the row; once the caller's transaction commits it calls
    /// ``publish(_:)``, and ``discard(_:)`` when it fails.
    func store(_ row: ContactAttachmentRow, _ upload: AttachmentUpload, on db: any Database) async throws {
        guard let files else { throw FieldProblems("attachment", "Máy chủ chưa có nơi lưu tệp đính kèm.") }
        try files.stage(upload.bytes, name: row.storedName)
        try await row.create(on: db)
    }

    /// The name attachment `id`'s file of `kind` is stored under.
    static func storedName(_ id: UUID, _ kind: UploadInspector.Kind) -> String { "\(id.uuidString.lowercased()).\(kind.fileExtension)" }

    /// Names the staged file of attachment `id` once its row committed.
    func publish(_ id: UUID) {
        for kind in UploadInspector.Kind.allCases { files?.publish(Self.storedName(id, kind)) }
    }

    /// Removes the file an attachment `id` may have left when its transaction failed.
    func discard(_ id: UUID) {
        for kind in UploadInspector.Kind.allCases { files?.remove(Self.storedName(id, kind)) }
    }

    /// Files staged before `date` whose sending was cut off between the file and its row (a killed process): named
    /// when their row committed, removed when it did not. Run by the minute job; returns how many of each.
    public func finishStagedFiles(olderThan date: Date) async throws -> (published: Int, removed: Int) {
        guard let files else { return (0, 0) }
        return try await files.staging.finish(before: date) { name in
            try await ContactAttachmentRow.query(on: database).filter(\.$storedName == name).first() != nil
        }
    }

    /// The files of announcement `id`, or of the messages `messages`.
    func attachments(announcement id: UUID? = nil, messages: [UUID] = []) async throws -> [UUID: [ContactAttachment]] {
        let query = ContactAttachmentRow.query(on: database)
        if let id { query.filter(\.$announcementID == id) } else { query.filter(\.$messageID ~~ messages) }
        var result: [UUID: [ContactAttachment]] = [:]
        for row in try await query.sort(\.$createdAt).all() {
            let owner = row.announcementID ?? row.messageID ?? UUID()
            result[owner, default: []].append(
                ContactAttachment(id: row.id!, filename: row.filename, mediaType: row.mediaType, size: row.size))
        }
        return result
    }

    /// Attachment `id`'s bytes, for a reader of what it is attached to: the announcement's sender or the principal, a
    /// family it reached; a conversation's teacher, the principal or the child's guardians. Anyone else:
    /// ``RecordsError/notFound``.
    public func attachment(_ id: UUID, by caller: Caller) async throws -> (ContactAttachment, [UInt8]) {
        guard let row = try await ContactAttachmentRow.find(id, on: database), let files else { throw RecordsError.notFound }
        if let announcement = row.announcementID {
            if caller.isParent { _ = try await received(announcement, by: caller) } else { _ = try await sentRow(announcement, by: caller) }
        } else if let message = row.messageID, let message = try await ContactMessageRow.find(message, on: database),
            let thread = try await ContactThreadRow.find(message.threadID, on: database)
        {
            try await requireConversation(StudentID(thread.studentID), by: caller, on: database)
        } else {
            throw RecordsError.notFound
        }
        let bytes = try files.read(row.storedName)
        return (ContactAttachment(id: row.id!, filename: row.filename, mediaType: row.mediaType, size: row.size), bytes)
    }
}

extension ContactBook {
    /// The files of announcement `id`, for its sender, the principal or a family it reached.
    public func announcementFiles(_ id: UUID, by caller: Caller) async throws -> [ContactAttachment] {
        if caller.isParent { _ = try await received(id, by: caller) } else { _ = try await sentRow(id, by: caller) }
        return try await attachments(announcement: id)[id] ?? []
    }

    /// The pupils of a class or group audience with whether a photo showing them may be sent, for the sender to tick
    /// who is in a photo; a larger audience gets none (a photo of pupils goes to a class or a group only).
    public func photoChoices(_ audience: Audience, by caller: Caller) async throws -> [(student: StudentID, name: String, allowed: Bool)] {
        switch audience {
        case .class, .group: break
        case .school, .grade: return []
        }
        let resolved = try await ContactAudience(database: database).resolve(audience, by: caller)
        let consents = try await Self.consents(Array(resolved.pupils.keys), at: clock(), on: database)
        let students = try await StudentRow.query(on: database).filter(\.$id ~~ Array(resolved.pupils.keys)).all()
        return students.sortedByName(\.name).map {
            (StudentID($0.id!), $0.name.full, consents[$0.id!]?.allowsPhotos == true)
        }
    }
}
