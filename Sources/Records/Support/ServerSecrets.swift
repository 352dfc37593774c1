import Crypto
import FluentKit
import Foundation
import SQLKit

/// The server's own symmetric keys, by name: made on first use, stored in `server_secrets` so that every node on the
/// database and every restart uses the same one, and kept in memory once read (a key never changes while it is used).
public final class ServerSecrets: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: SymmetricKey] = [:]

    public init() {}

    /// The 256-bit key called `name`, made and stored now if no node has made it yet.
    public func key(_ name: String, on database: any Database) async throws -> SymmetricKey {
        if let key = lock.withLock({ kept[name] }) { return key }
        let sql = database.sql()
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { SecureToken.hex(Array($0)) }
        // Two nodes starting at once both try; the first insert wins and both read the same row back.
        try await sql.insert(into: "server_secrets").columns("name", "value", "created_at")
            .values(SQLBind(name), SQLBind(fresh), SQLBind(Date().timeIntervalSince1970))
            .ignoringConflicts(with: ["name"]).run()
        struct Row: Decodable { let value: String }
        guard
            let row = try await sql.select().column("value").from("server_secrets").where("name", .equal, SQLBind(name))
                .first(decoding: Row.self), let bytes = SecureToken.bytes(hex: row.value), bytes.count == 32
        else { throw UnreadableSecret(name: name) }
        let key = SymmetricKey(data: bytes)
        lock.withLock { kept[name] = key }
        return key
    }
}

/// A stored key that is not 32 bytes of hex: the database was edited by hand or damaged.
struct UnreadableSecret: Error, CustomStringConvertible {
    let name: String
    var description: String { "server secret \(name) in server_secrets is not 64 hex digits" }
}
