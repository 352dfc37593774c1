import Foundation
import Records
import Testing

@Suite struct TOTPTests {
    /// RFC 6238 appendix B, SHA‑1 secret "12345678901234567890": the last six digits of the published codes.
    @Test(arguments: [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")])
    func matchesTheRFCTestVectors(time: Int, code: String) {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        #expect(totp.code(step: TOTP.step(at: Date(timeIntervalSince1970: Double(time)))) == code)
    }

    @Test func acceptsOneStepOfDriftButNotTwo() {
        let totp = TOTP(secret: TOTP.randomSecret())
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let step = TOTP.step(at: now)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(totp.code(step: step + 1), at: now) == step + 1)
        #expect(totp.matchingStep(totp.code(step: step - 2), at: now) == nil || totp.code(step: step - 2) == totp.code(step: step))
    }

    @Test func base32RoundTrips() {
        let bytes = TOTP.randomSecret()
        #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("mzxw 6ytb oi") == Array("foobar".utf8))
        #expect(Base32.decode("0189") == nil)
    }

    @Test func theProvisioningURIEscapesVietnameseLettersAsUTF8() throws {
        let uri = TOTP(secret: Array(repeating: 7, count: 20)).provisioningURI(
            account: "hieutruong", issuer: "Trường Tiểu học Trung Vương")
        #expect(uri.unicodeScalars.allSatisfy { $0.isASCII }, "\(uri)")
        #expect(uri.hasPrefix("otpauth://totp/Tr%C6%B0%E1%BB%9Dng%20Ti%E1%BB%83u%20h%E1%BB%8Dc%20Trung%20V%C6%B0%C6%A1ng:hieutruong?"))
        let components = try #require(URLComponents(string: uri))
        #expect(components.queryItems?.first { $0.name == "issuer" }?.value == "Trường Tiểu học Trung Vương")
    }
}
