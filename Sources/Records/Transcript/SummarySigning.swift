import Documents
import FluentKit
import Foundation

/// The summary tables of a class at a checkpoint signed at term end (Điều 6.5, 8.5d): each subject teacher of the
/// class and its homeroom teacher add their signature to the same PDF/A, one revision each, earlier signatures
/// staying valid. The signed file is kept apart from the live table (which the book may still change until the
/// principal approves it) and is what the year's archive holds.
public struct SummarySigning: Sendable {
    let database: any Database
    let folder: URL
    let clock: @Sendable () -> Date

    /// Signing over `database`, files in `folder` (the data folder's documents).
    public init(database: any Database, folder: URL, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.folder = folder
        self.clock = clock
    }

    static func key(_ id: ClassID, _ checkpoint: Checkpoint) -> String { "summary|\(id)|\(checkpoint.rawValue)" }

    /// Who signed the class's summary tables at `checkpoint`, in order (empty when nobody yet). Requires
    /// ``Permission/readClass(_:)``.
    public func signers(class id: ClassID, checkpoint: Checkpoint, by caller: Caller) async throws -> [String] {
        try caller.require(.readClass(id))
        return try await row(id, checkpoint)?.signers.components(separatedBy: "; ") ?? []
    }

    /// Whether `caller` signs the class's summary tables: its homeroom teacher or a teacher of one of its subjects.
    public static func signs(class id: ClassID, _ caller: Caller) -> Bool {
        caller.may(.writeClassRecords(id)) || caller.grants.teaching.contains { $0.classID == id }
    }

    /// Adds `caller`'s signature (their PKCS#12, naming them) to the class's summary tables at `checkpoint`; the
    /// first signature freezes the table as it stands. Refused to whoever does not teach the class, and a second time.
    public func sign(class id: ClassID, checkpoint: Checkpoint, identity: any DocumentSigner, by caller: Caller) async throws {
        guard Self.signs(class: id, caller) else { throw RecordsError.forbidden }
        let signerName = SigningIdentity.commonName(ofCertificate: try await identity.certificates().first ?? [])
        guard VietnameseText.foldKey(signerName) == VietnameseText.foldKey(caller.displayName) else {
            throw FieldProblems("file", "Chứng thư số mang tên “\(signerName)”, không phải của \(caller.displayName).")
        }
        let existing = try await row(id, checkpoint)
        let signers = existing?.signers.components(separatedBy: "; ") ?? []
        if signers.contains(signerName) { throw FieldProblems("file", "\(signerName) đã ký bảng tổng hợp này.") }
        let source: [UInt8]
        if let existing {
            source = try [UInt8](Data(contentsOf: folder.appendingPathComponent(existing.fileName)))
        } else {
            let summary = try await AssessmentService(database: database).summary(class: id, checkpoint: checkpoint, by: .system())
            source = try PDFArchival.identify(try AssessmentPrintouts.summary(summary, printedOn: SchoolDate(clock())).render())
        }
        let school = try await SchoolHeading.load(on: database)
        let now = clock()
        let reason = "Ký bảng tổng hợp kết quả \(checkpoint.label)"
        guard
            let signed = try await PDFSignature.sign(
                [source], with: identity, reason: reason, location: school.place, at: now, purpose: reason
            )
            .first
        else { throw RecordsError.notFound }
        let file = "bang-tong-hop-\(id)-\(checkpoint.rawValue).pdf"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(signed).write(to: folder.appendingPathComponent(file), options: .atomic)
        let all = signers + [signerName]
        let hash = SecureToken.sha256Hex(signed)
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let row = existing ?? SignedDocumentRow()
            if existing == nil {
                row.id = UUID()
                row.subjectKey = Self.key(id, checkpoint)
            }
            row.signers = all.joined(separator: "; ")
            row.fileName = file
            row.sha256 = hash
            row.updatedAt = Timestamps.storage(now)
            try await row.save(on: db)
            let event = AuditEvent(
                action: "summary.sign", entity: AuditEntity.assessment.rawValue, entityID: "\(id)|\(checkpoint.rawValue)",
                summary: "\(signerName) ký bảng tổng hợp \(checkpoint.label)", before: String?.none,
                after: ["signers": all.joined(separator: "; "), "sha256": hash])
            return ((), [event])
        }
    }

    /// The signed summary tables, if anyone signed them. Requires ``Permission/readClass(_:)``.
    public func file(class id: ClassID, checkpoint: Checkpoint, by caller: Caller) async throws -> [UInt8]? {
        try caller.require(.readClass(id))
        guard let row = try await row(id, checkpoint) else { return nil }
        return try [UInt8](Data(contentsOf: folder.appendingPathComponent(row.fileName)))
    }

    func row(_ id: ClassID, _ checkpoint: Checkpoint) async throws -> SignedDocumentRow? {
        try await SignedDocumentRow.query(on: database).filter(\.$subjectKey == Self.key(id, checkpoint)).first()
    }
}
