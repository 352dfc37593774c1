import Documents
import FluentKit
import Foundation

/// What the signing page shows of the school's keys.
public struct SchoolKeysSummary: Sendable, Equatable {
    /// The trial CA's name, when the school made one.
    public let authority: String?
    /// The seal certificate's name (the school's), when a seal is kept.
    public let seal: String?
    /// When the seal was installed or made.
    public let sealSince: Date?
}

/// The school's keys that hoso keeps: its trial certificate authority (for the demo, or until the school buys
/// licensed certificates) and its seal, each a PKCS#12 sealed in the ``KeyVault``. Staff PKCS#12 files are issued
/// and handed out, never kept. A replaced key is retired, never deleted, so signatures made with it stay verifiable.
public struct SchoolKeys: Sendable {
    let database: any Database
    let vault: KeyVault
    let clock: @Sendable () -> Date

    /// Keys over `database`, sealed with `vault`.
    public init(database: any Database, vault: KeyVault, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.vault = vault
        self.clock = clock
    }

    enum Kind: String {
        case authority, seal
    }

    struct Payload: Codable {
        let p12: String
        let passphrase: String
    }

    /// What is kept. Requires ``Permission/controlAssessment`` or ``Permission/manageAccounts``.
    public func summary(by caller: Caller) async throws -> SchoolKeysSummary {
        guard caller.may(.controlAssessment) || caller.may(.manageAccounts) else { throw RecordsError.forbidden }
        let authority = try await current(.authority)
        let seal = try await current(.seal)
        return SchoolKeysSummary(
            authority: authority?.commonName, seal: seal?.commonName, sealSince: seal.flatMap { Timestamps.parseStorage($0.createdAt) })
    }

    /// Makes the school's trial CA and, from it, the school's seal (a certificate in the school's name), retiring
    /// earlier ones. Requires ``Permission/controlAssessment`` (the principal).
    public func makeTrialAuthority(by caller: Caller) async throws {
        try caller.require(.controlAssessment)
        let school = try await SchoolHeading.load(on: database).school
        let passphrase = SecureToken.generate()
        let authorityP12 = try SigningIdentity.makeAuthority(
            name: "CA thử nghiệm hoso — \(school)", organization: school, passphrase: passphrase)
        let authority = try SigningIdentity(pkcs12: authorityP12, passphrase: passphrase)
        let sealP12 = try authority.issue(commonName: school, organization: school, passphrase: passphrase)
        let seal = try SigningIdentity(pkcs12: sealP12, passphrase: passphrase)
        try await store([(.authority, authority, authorityP12, passphrase), (.seal, seal, sealP12, passphrase)], by: caller) {
            AuditEvent(
                action: "keys.trial", entity: AuditEntity.signing.rawValue, entityID: "authority",
                summary: "Tạo CA thử nghiệm và con dấu số của trường", before: String?.none,
                after: ["authority": authority.commonName, "seal": seal.commonName])
        }
    }

    /// Keeps a seal the school holds (a PKCS#12 from a licensed CA, in the school's name), retiring the earlier one.
    /// Requires ``Permission/controlAssessment``.
    public func installSeal(pkcs12: [UInt8], passphrase: String, by caller: Caller) async throws {
        try caller.require(.controlAssessment)
        let seal: SigningIdentity
        do {
            seal = try SigningIdentity(pkcs12: pkcs12, passphrase: passphrase)
        } catch {
            throw FieldProblems("passphrase", "Không mở được tệp con dấu số: sai mật khẩu hoặc không phải tệp .p12/.pfx.")
        }
        let school = try await SchoolHeading.load(on: database).school
        guard VietnameseText.foldKey(seal.commonName) == VietnameseText.foldKey(school) else {
            throw FieldProblems("file", "Chứng thư số mang tên “\(seal.commonName)”, không phải tên trường (\(school)).")
        }
        let inner = SecureToken.generate()
        let exported = try seal.exported(passphrase: inner)
        try await store([(.seal, seal, exported, inner)], by: caller) {
            AuditEvent(
                action: "keys.seal", entity: AuditEntity.signing.rawValue, entityID: "seal", summary: "Cài con dấu số của trường",
                before: String?.none, after: ["seal": seal.commonName])
        }
    }

    /// A PKCS#12 for `commonName` (a staff member's name) issued by the trial CA, locked with `passphrase`: handed to
    /// that person, never kept. Requires ``Permission/controlAssessment`` or ``Permission/manageAccounts``.
    public func issueTrialCertificate(for commonName: String, passphrase: String, by caller: Caller) async throws -> [UInt8] {
        guard caller.may(.controlAssessment) || caller.may(.manageAccounts) else { throw RecordsError.forbidden }
        var problems = FieldProblems()
        let name = VietnameseText.clean(commonName)
        if name.isEmpty { problems.add("name", "Chọn người được cấp.") }
        if passphrase.count < 8 { problems.add("passphrase", "Mật khẩu của tệp phải có ít nhất 8 ký tự.") }
        try problems.throwIfAny()
        guard let authority = try await identity(.authority) else {
            throw FieldProblems("name", "Trường chưa có CA thử nghiệm: hiệu trưởng tạo trước.")
        }
        let school = try await SchoolHeading.load(on: database).school
        let p12 = try authority.issue(commonName: name, organization: school, passphrase: passphrase)
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { _ in
            (
                (),
                [
                    AuditEvent(
                        action: "keys.issue", entity: AuditEntity.signing.rawValue, entityID: "authority",
                        summary: "Cấp chứng thư số thử nghiệm cho \(name)")
                ]
            )
        }
        return p12
    }

    /// The trial CA's certificate as PEM, to import as trusted; public (no pupil data), nil without a trial CA.
    public func authorityPEM() async throws -> String? { try await current(.authority)?.certificatePEM }

    /// The seal, opened for one signing (nil when none is kept or its sealed file does not open with the vault).
    public func seal() async throws -> SigningIdentity? { try await identity(.seal) }

    /// The certificates of every seal ever kept (retired too) whose sealed file opens with the vault: what a signed
    /// audit head or manifest must have been made with. A row added behind hoso's back does not open, so is not here.
    public func sealCertificates() async throws -> [[UInt8]] {
        try await SigningKeyRow.query(on: database).filter(\.$kind == Kind.seal.rawValue).all().compactMap {
            try? open($0)?.certificateDER
        }
    }

    func current(_ kind: Kind) async throws -> SigningKeyRow? {
        try await SigningKeyRow.query(on: database).filter(\.$kind == kind.rawValue).filter(\.$retiredAt == nil)
            .sort(\.$createdAt, .descending).first()
    }

    func identity(_ kind: Kind) async throws -> SigningIdentity? {
        guard let row = try await current(kind) else { return nil }
        return try open(row)
    }

    func open(_ row: SigningKeyRow) throws -> SigningIdentity? {
        guard let bytes = vault.open(row.sealed), let payload = try? JSONDecoder().decode(Payload.self, from: Data(bytes)),
            let p12 = Data(base64Encoded: payload.p12)
        else { return nil }
        return try SigningIdentity(pkcs12: [UInt8](p12), passphrase: payload.passphrase)
    }

    private func store(
        _ keys: [(Kind, SigningIdentity, [UInt8], String)], by caller: Caller, event: @escaping @Sendable () -> AuditEvent
    ) async throws {
        let now = Timestamps.storage(clock())
        let rows = try keys.map { kind, identity, p12, passphrase in
            let row = SigningKeyRow()
            row.id = UUID()
            row.kind = kind.rawValue
            row.commonName = identity.commonName
            row.certificatePEM = identity.certificatePEM
            let payload = try JSONEncoder().encode(Payload(p12: Data(p12).base64EncodedString(), passphrase: passphrase))
            row.sealed = try vault.seal([UInt8](payload))
            row.createdAt = now
            row.createdBy = caller.displayName
            return row
        }
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            for row in rows {
                for old in try await SigningKeyRow.query(on: db).filter(\.$kind == row.kind).filter(\.$retiredAt == nil).all() {
                    old.retiredAt = now
                    try await old.update(on: db)
                }
                try await row.create(on: db)
            }
            return ((), [event()])
        }
    }
}
