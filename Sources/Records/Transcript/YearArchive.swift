import Documents
import FluentKit
import Foundation

/// One file of an archive or a bundle, as its manifest lists it.
public struct ArchivedFile: Sendable, Equatable, Codable {
    /// The path inside the archive, e.g. "lop-5A/hoc-ba/005-nguyen-thi-anh.pdf".
    public let path: String
    /// What it is, in Vietnamese: "Sổ đăng bộ", "Sổ đánh giá", "Bảng tổng hợp", "Học bạ", "Học bạ (dữ liệu)".
    public let kind: String
    public let sha256: String
    public let size: Int
    /// The signers of a signed PDF, in order; empty for the others.
    public let signers: [String]
}

/// The manifest of an archive or a bundle (format "hoso-archive/1"): every file with its SHA-256 and signers, and
/// the audit chain's head when it was made. It is signed with the school's seal (`manifest.json.p7s`, a detached
/// CMS signature), so a file replaced later, or a recomputed audit chain, no longer matches it.
public struct ArchiveManifest: Sendable, Equatable, Codable {
    public struct Head: Sendable, Equatable, Codable {
        public let seq: Int
        public let hash: String
    }
    public var format = "hoso-archive/1"
    public let kind: String
    public let school: String
    public let yearName: String
    public let createdAt: String
    public let createdBy: String
    public let auditHead: Head
    public let files: [ArchivedFile]
    /// Pupils of the year whose học bạ was not signed by both signers when archived.
    public let unsigned: [String]

    /// The manifest as stored: sorted keys, indented.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self))
    }
}

/// Where a school year's archive stands.
public struct YearArchiveStatus: Sendable, Equatable {
    public let yearID: SchoolYearID
    public let yearName: String
    public let closedAt: Date?
    public let closedBy: String?
    public let archivedAt: Date?
    public let archivedBy: String?
    /// The archive's manifest, once archived.
    public let manifest: ArchiveManifest?
}

/// The year-end archive (Điều 10.5–10.6): the principal closes the year; the clerk then archives the register book,
/// every class's assessment book and summary tables, and every học bạ (the signed PDF/A as signed, and its JSON
/// export), with a manifest signed by the school's seal that also anchors the audit chain's head. The archive lies
/// in `folder/<year>` (under the uploads, which the backups take) and is never rewritten.
public struct YearArchive: Sendable {
    let database: any Database
    let folder: URL
    let documents: URL
    let keys: SchoolKeys
    let anchors: AuditAnchors
    let exporter: any TranscriptExporter
    let clock: @Sendable () -> Date

    /// Archives in `folder`, signed học bạ read from `documents`, signed with `keys`' seal; `anchors` signs the audit
    /// head with each archive.
    public init(
        database: any Database, folder: URL, documents: URL, keys: SchoolKeys, anchors: AuditAnchors,
        exporter: any TranscriptExporter = HosoTranscriptJSON(), clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.database = database
        self.folder = folder
        self.documents = documents
        self.keys = keys
        self.anchors = anchors
        self.exporter = exporter
        self.clock = clock
    }

    /// The year's archive status. Requires ``Permission/readRegister`` or ``Permission/controlAssessment``.
    public func status(year: SchoolYearID, by caller: Caller) async throws -> YearArchiveStatus {
        guard caller.may(.readRegister) || caller.may(.controlAssessment) else { throw RecordsError.forbidden }
        guard let yearRow = try await SchoolYearRow.find(year.uuid, on: database) else { throw RecordsError.notFound }
        let row = try await YearArchiveRow.query(on: database).filter(\.$yearID == year.uuid).first()
        var manifest: ArchiveManifest? = nil
        if let path = row?.folder,
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path + "/manifest.json").path)
        {
            manifest = try? JSONDecoder().decode(ArchiveManifest.self, from: data)
        }
        return YearArchiveStatus(
            yearID: year, yearName: yearRow.name, closedAt: row.flatMap { Timestamps.parseStorage($0.closedAt) }, closedBy: row?.closedBy,
            archivedAt: row?.archivedAt.flatMap(Timestamps.parseStorage), archivedBy: row?.archivedBy, manifest: manifest)
    }

    /// The principal closes the year: its books are final and may be archived. Requires
    /// ``Permission/controlAssessment``.
    public func close(year: SchoolYearID, by caller: Caller) async throws {
        try caller.require(.controlAssessment)
        guard let yearRow = try await SchoolYearRow.find(year.uuid, on: database) else { throw RecordsError.notFound }
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard try await YearArchiveRow.query(on: db).filter(\.$yearID == year.uuid).first() == nil else {
                throw FieldProblems("year", "Năm học \(yearRow.name) đã được khoá sổ.")
            }
            let row = YearArchiveRow()
            row.id = UUID()
            row.yearID = year.uuid
            row.closedAt = Timestamps.storage(now)
            row.closedBy = caller.displayName
            try await row.create(on: db)
            let event = AuditEvent(
                action: "year.close", entity: AuditEntity.archive.rawValue, entityID: "\(year)",
                summary: "Hiệu trưởng khoá sổ năm học \(yearRow.name)", before: String?.none, after: ["closedBy": caller.displayName])
            return ((), [event])
        }
    }

    /// The clerk archives a closed year. Requires ``Permission/writeRegister``; refused before the principal closed
    /// the year, without the school's seal, or once archived.
    @discardableResult
    public func archive(year: SchoolYearID, by caller: Caller) async throws -> ArchiveManifest {
        try caller.require(.writeRegister)
        guard let yearRow = try await SchoolYearRow.find(year.uuid, on: database) else { throw RecordsError.notFound }
        guard let row = try await YearArchiveRow.query(on: database).filter(\.$yearID == year.uuid).first() else {
            throw FieldProblems("year", "Hiệu trưởng chưa khoá sổ năm học \(yearRow.name).")
        }
        guard row.archivedAt == nil else { throw FieldProblems("year", "Năm học \(yearRow.name) đã được lưu trữ.") }
        guard let seal = try await keys.seal() else {
            throw FieldProblems("year", "Trường chưa có con dấu số để ký danh mục lưu trữ (trang Chữ ký số).")
        }
        let parts = try await ArchiveContents(database: database, documents: documents, exporter: exporter).year(yearRow, by: caller)
        let school = try await SchoolHeading.load(on: database).school
        guard let head = try await AuditHeadRow.find(1, on: database) else { throw RecordsError.notFound }
        let now = clock()
        let manifest = ArchiveManifest(
            kind: "Lưu trữ năm học", school: school, yearName: yearRow.name, createdAt: Timestamps.storage(now),
            createdBy: caller.displayName, auditHead: .init(seq: head.seq, hash: head.hash), files: parts.files.map(\.file),
            unsigned: parts.unsigned)
        let name = "nam-hoc-" + yearRow.name
        let target = folder.appendingPathComponent(name)
        let partial = folder.appendingPathComponent(".partial-" + name)
        try? FileManager.default.removeItem(at: partial)
        for part in parts.files {
            let url = partial.appendingPathComponent(part.file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(part.bytes).write(to: url)
        }
        let manifestBytes = try manifest.encoded()
        try Data(manifestBytes).write(to: partial.appendingPathComponent("manifest.json"))
        try Data(try seal.signStatement(manifestBytes)).write(to: partial.appendingPathComponent("manifest.json.p7s"))
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: partial, to: target)
        let files = parts.files.count
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await YearArchiveRow.query(on: db).filter(\.$yearID == year.uuid).first(), row.archivedAt == nil else {
                throw FieldProblems("year", "Năm học \(yearRow.name) đã được lưu trữ.")
            }
            row.archivedAt = Timestamps.storage(now)
            row.archivedBy = caller.displayName
            row.folder = name
            row.manifestSHA256 = SecureToken.sha256Hex(manifestBytes)
            try await row.update(on: db)
            let event = AuditEvent(
                action: "year.archive", entity: AuditEntity.archive.rawValue, entityID: "\(year)",
                summary: "Lưu trữ năm học \(yearRow.name): \(files) tệp, danh mục đã ký số", before: String?.none,
                after: ["manifestSha256": SecureToken.sha256Hex(manifestBytes), "auditHead": "\(head.seq)"])
            return ((), [event])
        }
        try await anchors.anchor()
        return manifest
    }

    /// One file of the year's archive (the manifest and its signature too), each copy logged. Requires
    /// ``Permission/readRegister``.
    public func file(year: SchoolYearID, path: String, by caller: Caller) async throws -> [UInt8]? {
        try caller.require(.readRegister)
        guard let row = try await YearArchiveRow.query(on: database).filter(\.$yearID == year.uuid).first(), let name = row.folder,
            !path.contains(".."), !path.hasPrefix("/")
        else { return nil }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name + "/" + path).path) else { return nil }
        let bytes = [UInt8](data)
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { _ in
            let event = AuditEvent(
                action: "document.copy", entity: AuditEntity.archive.rawValue, entityID: "\(year)|\(path)",
                summary: "Cấp bản sao từ lưu trữ: \(path)", before: String?.none, after: ["sha256": SecureToken.sha256Hex(bytes)])
            return ((), [event])
        }
        return bytes
    }
}
