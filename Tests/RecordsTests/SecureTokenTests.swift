import Foundation
import Testing

@testable import Records

/// Tokens are 43 characters of URL-safe base64 from 32 random bytes, the encoder agrees with Foundation's and
/// the decoder undoes it.
@Suite struct SecureTokenTests {
    @Test func theEncoderIsFoundationsBase64MadeURLSafeWithoutPadding() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let expected = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(SecureToken.base64URL(bytes) == expected, "\(length) bytes")
        }
        #expect(SecureToken.base64URL([0xFB, 0xFF, 0xBF]) == "-_-_")
    }

    @Test func theDecoderUndoesTheEncoderAndRefusesWhatIsNotAnEncoding() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            #expect(SecureToken.bytes(base64URL: SecureToken.base64URL(bytes)) == bytes, "\(length) bytes")
        }
        // Padding, the standard alphabet, a lone symbol and stray low bits are not URL-safe base64 of any bytes.
        for text in ["AA==", "+/", "A", "AB", "ABCDE"] { #expect(SecureToken.bytes(base64URL: text) == nil, "\(text)") }
    }

    @Test func tokensAreFortyThreeCharactersAndDiffer() {
        let tokens = (0..<1_000).map { _ in SecureToken.generate() }
        #expect(Set(tokens).count == tokens.count)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy(alphabet.contains) })
    }
}
