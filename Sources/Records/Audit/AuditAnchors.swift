import Documents
import FluentKit
import Foundation

/// A signed head of the audit chain: "entry `seq` had hash `hash`", signed with the school's seal at `signedAt`.
/// Once one exists, a chain recomputed with the published hash rule, or cut short with its head moved back, no
/// longer matches it.
public struct AuditAnchor: Sendable, Equatable, Codable {
    public let seq: Int
    public let hash: String
    public let signedAt: String
    /// The text signed.
    public let statement: String
    /// The seal's detached CMS signature over ``statement``, base64.
    public let signature: String
    /// The seal certificate's common name.
    public let signer: String

    /// The statement for `seq`, `hash` at `signedAt`.
    static func statement(seq: Int, hash: String, signedAt: String) -> String {
        "hoso audit head\nseq=\(seq)\nhash=\(hash)\nsigned-at=\(signedAt)\n"
    }
}

/// Signs the audit chain's head with the school's seal — once a day by the minute job, and in every archive manifest
/// — and keeps each signed head twice: in the database and in a file of the data folder (one JSON line each), so
/// that someone who can rewrite the database cannot make the heads disappear.
public struct AuditAnchors: Sendable {
    let database: any Database
    let keys: SchoolKeys
    let file: URL?
    let clock: @Sendable () -> Date

    /// Anchors over `database`, signed with `keys`' seal, also appended to `file`.
    public init(database: any Database, keys: SchoolKeys, file: URL?, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.keys = keys
        self.file = file
        self.clock = clock
    }

    /// Signs the current head when it moved since the last signed head and that one is at least `interval` seconds
    /// old; nil when nothing was due, the log is empty or the school keeps no seal.
    @discardableResult
    public func anchor(ifOlderThan interval: TimeInterval = 0) async throws -> AuditAnchor? {
        guard let head = try await AuditHeadRow.find(1, on: database), head.seq > 0 else { return nil }
        let last = try await AuditAnchorRow.query(on: database).sort(\.$seq, .descending).first()
        let now = clock()
        if let last {
            if last.seq == head.seq && last.hash == head.hash { return nil }
            if let at = Timestamps.parseStorage(last.signedAt), now.timeIntervalSince(at) < interval { return nil }
        }
        guard let seal = try await keys.seal() else { return nil }
        let signedAt = Timestamps.storage(now)
        let statement = AuditAnchor.statement(seq: head.seq, hash: head.hash, signedAt: signedAt)
        let signature = try seal.signStatement(Array(statement.utf8))
        let anchor = AuditAnchor(
            seq: head.seq, hash: head.hash, signedAt: signedAt, statement: statement, signature: Data(signature).base64EncodedString(),
            signer: seal.commonName)
        let row = AuditAnchorRow()
        row.id = UUID()
        row.seq = anchor.seq
        row.hash = anchor.hash
        row.signedAt = anchor.signedAt
        row.statement = anchor.statement
        row.signature = anchor.signature
        row.signer = anchor.signer
        try await row.create(on: database)
        try append(anchor)
        return anchor
    }

    /// Every signed head known, from the database and the file, oldest first, each once.
    public func all() async throws -> [AuditAnchor] {
        var seen = Set<String>()
        var result: [AuditAnchor] = []
        let stored = try await AuditAnchorRow.query(on: database).sort(\.$seq).all().map {
            AuditAnchor(
                seq: $0.seq, hash: $0.hash, signedAt: $0.signedAt, statement: $0.statement, signature: $0.signature, signer: $0.signer)
        }
        for anchor in stored + fromFile() where seen.insert(anchor.signature).inserted { result.append(anchor) }
        return result.sorted { $0.seq < $1.seq }
    }

    func fromFile() -> [AuditAnchor] {
        guard let file, let data = FileManager.default.contents(atPath: file.path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(AuditAnchor.self, from: Data($0.utf8))
        }
    }

    func append(_ anchor: AuditAnchor) throws {
        guard let file else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let line = try encoder.encode(anchor) + Data("\n".utf8)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file.path) { FileManager.default.createFile(atPath: file.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.synchronize()
    }

    /// The full check: the chain's links, every signed head against the chain (a head signed with a seal the vault
    /// does not know is a forgery), and the records the books hold against the log's last word on them.
    public func verify() async throws -> AuditReport {
        let anchors = try await all()
        let certificates = try await keys.sealCertificates()
        var problems: [String] = []
        var good: [AuditAnchor] = []
        for anchor in anchors {
            guard let signature = Data(base64Encoded: anchor.signature),
                anchor.statement == AuditAnchor.statement(seq: anchor.seq, hash: anchor.hash, signedAt: anchor.signedAt),
                certificates.contains(where: {
                    SigningIdentity.verifyStatement([UInt8](signature), over: Array(anchor.statement.utf8), signedBy: $0)
                })
            else {
                problems.append(
                    "Đầu chuỗi ghi ngày \(Self.day(anchor.signedAt)) (mục số \(anchor.seq)) không mang chữ ký hợp lệ của con dấu trường.")
                continue
            }
            good.append(anchor)
        }
        let log = AuditLog(database: database)
        let walked = try await log.walk(collecting: Set(good.map(\.seq)))
        if case .intact = walked.verdict {
            for anchor in good {
                if anchor.seq > walked.count {
                    problems.append(
                        "Nhật ký đã bị cắt: đầu chuỗi ký ngày \(Self.day(anchor.signedAt)) có mục số \(anchor.seq), nhật ký nay chỉ còn \(walked.count) mục."
                    )
                } else if walked.hashes[anchor.seq] != anchor.hash {
                    problems.append(
                        "Chuỗi đã bị tính lại: mục số \(anchor.seq) không khớp đầu chuỗi đã ký ngày \(Self.day(anchor.signedAt)).")
                }
            }
        }
        let records = try await AuditRecordCheck(database: database).run()
        return AuditReport(chain: walked.verdict, anchors: good.count, records: records.checked, problems: problems + records.problems)
    }

    static func day(_ storage: String) -> String { Timestamps.parseStorage(storage).map(Timestamps.display) ?? storage }
}

/// What the full audit check found.
public struct AuditReport: Sendable, Equatable {
    /// The chain's own links.
    public let chain: AuditVerification
    /// Signed heads that matched.
    public let anchors: Int
    /// Records compared with the log.
    public let records: Int
    /// Each problem, in Vietnamese, naming the entry or the record.
    public let problems: [String]

    /// Nothing is wrong.
    public var isIntact: Bool {
        if case .intact = chain { return problems.isEmpty }
        return false
    }
}
