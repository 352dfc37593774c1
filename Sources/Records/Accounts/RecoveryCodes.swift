import FluentKit
import Foundation

enum RecoveryCodes {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// Ten new single‑use codes such as `K7QMX-4RT9C`; only their hashes are stored.
    static func replace(for account: UUID, on db: any Database) async throws -> [String] {
        try await RecoveryCodeRow.query(on: db).filter(\.$accountID == account).delete()
        var generator = SystemRandomNumberGenerator()
        var codes: [String] = []
        for _ in 0..<10 {
            let chars = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            let code = String(chars[0..<5]) + "-" + String(chars[5...])
            let row = RecoveryCodeRow()
            row.id = UUID()
            row.accountID = account
            row.codeHash = SessionService.hash(normalise(code))
            try await row.create(on: db)
            codes.append(code)
        }
        return codes
    }

    /// Marks a matching unused code as used; `false` if none matches.
    static func use(_ code: String, account: UUID, at now: Date, on db: any Database) async throws -> Bool {
        let normalised = normalise(code)
        guard normalised.count == 10 else { return false }
        guard
            let row = try await RecoveryCodeRow.query(on: db).filter(\.$accountID == account)
                .filter(\.$codeHash == SessionService.hash(normalised)).filter(\.$usedAt == nil).first()
        else { return false }
        row.usedAt = Timestamps.storage(now)
        try await row.update(on: db)
        return true
    }

    static func normalise(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}
