import FluentKit
import Foundation

/// A document as the public verification page shows it: nothing of the pupil beyond what the document prints.
public struct IssuedDocument: Sendable, Equatable {
    public let code: String
    /// "Học bạ".
    public let kind: String
    /// "Học bạ năm học 2026-2027 · lớp 4A".
    public let title: String
    public let school: String
    public let issuedAt: Date
    /// The SHA-256 of the file as last signed, in hex.
    public let sha256: String
    public let signers: [String]
    /// A newer issue of the same document replaced this one.
    public let superseded: Bool
}

/// The register of documents issued with a verification code: codes are ten letters and digits without look-alikes
/// (no 0, 1, I, L, O), printed as "XXXXX-XXXXX" with a QR code of the verification address.
public struct DocumentRegistry: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// The registry over `database`.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// A new code, formatted.
    static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return String(letters[0..<5]) + "-" + String(letters[5...])
    }

    /// Registers a new issue of the document `subject` (earlier issues of it become superseded) and returns its code.
    func issue(kind: String, title: String, school: String, subject: String, on db: any Database) async throws -> String {
        let now = Timestamps.storage(clock())
        for earlier in try await IssuedDocumentRow.query(on: db).filter(\.$subjectKey == subject).filter(\.$supersededAt == nil).all() {
            earlier.supersededAt = now
            try await earlier.update(on: db)
        }
        let row = IssuedDocumentRow()
        row.id = UUID()
        row.code = Self.newCode()
        row.kind = kind
        row.title = title
        row.school = school
        row.subjectKey = subject
        row.issuedAt = now
        row.sha256 = ""
        row.signers = ""
        try await row.create(on: db)
        return row.code
    }

    /// Records the file as now signed: its hash and signers.
    func record(_ code: String, sha256: String, signers: [String], on db: any Database) async throws {
        guard let row = try await IssuedDocumentRow.query(on: db).filter(\.$code == code).first() else { return }
        row.sha256 = sha256
        row.signers = signers.joined(separator: "; ")
        try await row.update(on: db)
    }

    /// The code of the current issue of `subject`, if any.
    func current(_ subject: String, on db: any Database) async throws -> String? {
        try await IssuedDocumentRow.query(on: db).filter(\.$subjectKey == subject).filter(\.$supersededAt == nil).first()?.code
    }

    /// The document with `code` (typed with or without the dash, any case), for anyone who holds the code.
    public func lookup(_ code: String) async throws -> IssuedDocument? {
        let letters = code.uppercased().filter { Self.alphabet.contains($0) }
        guard letters.count == 10 else { return nil }
        let formatted = String(letters.prefix(5)) + "-" + String(letters.suffix(5))
        guard let row = try await IssuedDocumentRow.query(on: database).filter(\.$code == formatted).first() else { return nil }
        return IssuedDocument(
            code: row.code, kind: row.kind, title: row.title, school: row.school,
            issuedAt: Timestamps.parseStorage(row.issuedAt) ?? Date(timeIntervalSince1970: 0), sha256: row.sha256,
            signers: row.signers.isEmpty ? [] : row.signers.components(separatedBy: "; "), superseded: row.supersededAt != nil)
    }
}
