import Crypto
import Foundation

/// Keys for the server's own seals (the portal's cookies), each derived by HKDF-SHA256 from the key file of a
/// ``KeyVault`` under its purpose's name: every node sharing the data folder derives the same key, someone holding
/// only the database cannot, and each key is worked out once per process and kept in memory.
public final class DerivedKeys: @unchecked Sendable {
    let vault: KeyVault
    private let lock = NSLock()
    private var kept: [String: SymmetricKey] = [:]

    /// Keys derived from `vault`'s key.
    public init(vault: KeyVault) { self.vault = vault }

    /// Keys from a random key that lives as long as this process (tests and one-process tools).
    public static let thisProcessOnly = DerivedKeys(vault: KeyVault(key: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))

    /// The 256-bit key for `purpose`.
    public func key(_ purpose: String) throws -> SymmetricKey {
        if let key = lock.withLock({ kept[purpose] }) { return key }
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: try vault.key(), info: Data(purpose.utf8), outputByteCount: 32)
        lock.withLock { kept[purpose] = key }
        return key
    }
}
