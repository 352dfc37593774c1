import Crypto
import Foundation

/// RFC 6238 time‑based one‑time codes (SHA‑1, 6 digits, 30‑second steps), as authenticator apps expect.
public struct TOTP: Sendable {
    /// The shared secret.
    public let secret: [UInt8]

    public init(secret: [UInt8]) { self.secret = secret }

    /// Decodes a Base32 secret.
    public init?(base32 secret: String) {
        guard let bytes = Base32.decode(secret), !bytes.isEmpty else { return nil }
        self.secret = bytes
    }

    /// A new random 20‑byte secret.
    public static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The time step containing `date`.
    public static func step(at date: Date) -> Int { Int(date.timeIntervalSince1970 / 30) }

    /// The six‑digit code for a time step.
    public func code(step: Int) -> String {
        var counter = UInt64(step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let value =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        return String(format: "%06d", value % 1_000_000)
    }

    /// The step that `code` matches at `date`, allowing one step of clock drift either way.
    public func matchingStep(_ code: String, at date: Date) -> Int? {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6 else { return nil }
        let now = TOTP.step(at: date)
        return [now, now - 1, now + 1].first { self.code(step: $0) == digits }
    }

    /// The `otpauth://` URI an authenticator app scans.
    public func provisioningURI(account: String, issuer: String) -> String {
        // RFC 3986 unreserved characters only: `.alphanumerics` would let Vietnamese letters through unescaped.
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
        }
        return
            "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))&issuer=\(escape(issuer))&algorithm=SHA1&digits=6&period=30"
    }
}

/// RFC 4648 Base32 without padding, as used for authenticator secrets.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// Encodes bytes as Base32 (upper case, no padding).
    public static func encode(_ bytes: [UInt8]) -> String {
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    /// Decodes Base32, ignoring case, spaces and padding; `nil` on other characters.
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.uppercased() where character != " " && character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return output
    }
}
