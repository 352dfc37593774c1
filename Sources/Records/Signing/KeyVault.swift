import Crypto
import Foundation

/// The lock on the keys hoso keeps for the school: a 256-bit key in a file of its own, outside the database and its
/// backups, readable by the server's user only, made on first use. What it seals (AES-256-GCM) cannot be read or
/// replaced by someone who holds only the database: a forged row fails to open.
public struct KeyVault: Sendable {
    let file: URL?
    let fixed: [UInt8]?

    /// The vault of `file`; the file is read, or made with a new random key (mode 0600), when first needed.
    public init(file: URL) {
        self.file = file
        fixed = nil
    }

    /// A vault with a key in memory only (tests).
    public init(key: [UInt8]) {
        file = nil
        fixed = key
    }

    func key() throws -> SymmetricKey {
        if let fixed { return SymmetricKey(data: fixed) }
        guard let file else { throw KeyVaultError.unreadable("") }
        let manager = FileManager.default
        if let data = manager.contents(atPath: file.path) {
            guard data.count == 32 else { throw KeyVaultError.unreadable(file.path) }
            return SymmetricKey(data: data)
        }
        try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let made = SymmetricKey(size: .bits256)
        let data = made.withUnsafeBytes { Data($0) }
        // Written aside and linked into place, so two processes starting together keep one key.
        let aside = file.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).key")
        guard manager.createFile(atPath: aside.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw KeyVaultError.unreadable(file.path)
        }
        defer { try? manager.removeItem(at: aside) }
        if link(aside.path, file.path) != 0 {
            guard let existing = manager.contents(atPath: file.path), existing.count == 32 else {
                throw KeyVaultError.unreadable(file.path)
            }
            return SymmetricKey(data: existing)
        }
        return made
    }

    /// `bytes` sealed, as base64 text for a column.
    func seal(_ bytes: [UInt8]) throws -> String {
        guard let combined = try AES.GCM.seal(bytes, using: key()).combined else { throw KeyVaultError.unreadable("") }
        return combined.base64EncodedString()
    }

    /// The bytes `text` sealed, or nil when it was not sealed with this vault's key (or was changed).
    func open(_ text: String) -> [UInt8]? {
        guard let key = try? key(), let data = Data(base64Encoded: text), let box = try? AES.GCM.SealedBox(combined: data),
            let opened = try? AES.GCM.open(box, using: key)
        else { return nil }
        return [UInt8](opened)
    }
}

/// Why the key file could not be used.
public enum KeyVaultError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not a 32-byte key, or could not be written.
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "the key file \(path) is not a 32-byte key or cannot be written"
        }
    }
}
