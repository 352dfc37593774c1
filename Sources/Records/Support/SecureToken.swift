import Crypto
import Foundation

/// Random tokens for cookies and sessions, and their stored fingerprints.
public enum SecureToken {
    /// 32 random bytes from the system's cryptographic source, base64url without padding (43 characters).
    public static func generate() -> String {
        // Four draws of 64 bits (one system call each), not 32 of a byte: every visitor shown a form draws one.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return base64URL(bytes)
    }

    /// `bytes` in the URL-safe base64 alphabet (RFC 4648 §5), without padding.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = UInt32(0)
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << UInt32(16 - 8 * offset) }
            for symbol in 0...chunk.count { out.append(base64URLAlphabet[Int((value >> UInt32(18 - 6 * symbol)) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of URL-safe base64 without padding, or nil when `text` is not that.
    public static func bytes(base64URL text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3 / 4)
        var value = UInt32(0)
        var bits = 0
        for symbol in text.utf8 {
            guard let sextet = base64URLValue(symbol) else { return nil }
            value = (value << 6) | UInt32(sextet)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: value >> UInt32(bits)))
            }
        }
        // A length of 1 mod 4 or stray low bits is not the encoding of any bytes.
        guard bits < 6, value & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }

    private static func base64URLValue(_ symbol: UInt8) -> UInt8? {
        switch symbol {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): symbol - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): symbol - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): symbol - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }

    private static let base64URLAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Lower‑case hex SHA‑256 of `text`: what the database keeps instead of the token itself.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    /// Lower‑case hex SHA‑256 of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    static let digits = Array("0123456789abcdef".utf8)

    /// Lower‑case hex of `bytes` (String(format:) per byte is slow on Linux).
    public static func hex(_ bytes: [UInt8]) -> String {
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
