import Crypto
import Foundation
import Records

/// What a portal cookie carries: the code it was opened with and when, sealed (ChaCha20-Poly1305) with the server's
/// key, so that a page resolves it without a session row and nobody can read the code in it or make one up.
struct PortalCookie: Equatable {
    /// The name of the server secret cookies are sealed with.
    static let keyName = "portal-cookie"
    /// Bound into every seal, so a box made for something else with the same key never opens as a portal cookie.
    private static let purpose = Data("hoso portal cookie v1".utf8)

    let code: RegistrationCode
    /// Milliseconds since 1970 when the code and date of birth were checked.
    let openedAt: Int64

    /// The cookie's value: base64url of nonce, sealed code and time, and tag (68 characters).
    func sealed(with key: SymmetricKey) throws -> String {
        var plain = Array(code.symbols.utf8)
        withUnsafeBytes(of: openedAt.bigEndian) { plain.append(contentsOf: $0) }
        let box = try ChaChaPoly.seal(plain, using: key, authenticating: Self.purpose)
        return SecureToken.base64URL(Array(box.combined))
    }

    /// The cookie sealed in `token` with `key`, or nil when it was not (changed, cut, or sealed with another key).
    init?(unsealing token: String, with key: SymmetricKey) {
        guard token.utf8.count < 200, let bytes = SecureToken.bytes(base64URL: token),
            let box = try? ChaChaPoly.SealedBox(combined: bytes),
            let plain = try? Array(ChaChaPoly.open(box, using: key, authenticating: Self.purpose)), plain.count > 8,
            let code = RegistrationCode(String(decoding: plain.dropLast(8), as: UTF8.self))
        else { return nil }
        self.code = code
        self.openedAt = plain.suffix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    init(code: RegistrationCode, openedAt: Int64) {
        self.code = code
        self.openedAt = openedAt
    }
}
