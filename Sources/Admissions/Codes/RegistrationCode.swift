import Foundation

/// Mã số đăng ký tuyển sinh: a registration code such as `K7QM-4XRT-9C`, read aloud and typed by parents.
///
/// Thirty‑one symbols (digits 2–9 and letters without I, L, O, so nothing looks like 0/O or 1/I/L), nine random
/// symbols and a check symbol. The check makes Σ position × value ≡ 0 (mod 31); since 31 is prime and the weights
/// 1…10 are distinct, every single wrong symbol and every swap of two symbols changes the sum, so such typos are
/// caught before any lookup. Nine random symbols give 31⁹ ≈ 2.6 × 10¹³ codes (44 bits).
public struct RegistrationCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ten symbols without separators.
    public let symbols: String

    /// The alphabet, in value order.
    public static let alphabet: [Character] = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    static let modulus = 31
    static let length = 10

    /// Why typed text is not a code.
    public enum Problem: Error, Sendable, Equatable {
        /// Not ten symbols long (after removing spaces and dashes).
        case wrongLength
        /// A character that codes never contain (such as 0, O, 1, I, L).
        case invalidCharacter(Character)
        /// The check symbol does not match: a typo.
        case checkFailed
    }

    /// Parses what a person typed: case, spaces and dashes are ignored.
    public static func parse(_ text: String) -> Result<RegistrationCode, Problem> {
        let cleaned = text.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "–" && $0 != "." }
        for character in cleaned where values[character] == nil {
            return .failure(.invalidCharacter(character))
        }
        guard cleaned.count == length else { return .failure(.wrongLength) }
        guard weightedSum(Array(cleaned)) % modulus == 0 else { return .failure(.checkFailed) }
        return .success(RegistrationCode(symbols: cleaned))
    }

    /// Parses, or `nil`.
    public init?(_ text: String) {
        guard case .success(let code) = Self.parse(text) else { return nil }
        self = code
    }

    private init(symbols: String) { self.symbols = symbols }

    /// A new code from a cryptographically secure random source.
    public static func random() -> RegistrationCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new code from `generator` (tests pass a seeded one).
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> RegistrationCode {
        let payload = (0..<(length - 1)).map { _ in alphabet[Int.random(in: 0..<modulus, using: &generator)] }
        return RegistrationCode(symbols: String(payload) + String(checkSymbol(for: payload)))
    }

    /// The check symbol that completes nine payload symbols.
    static func checkSymbol(for payload: [Character]) -> Character {
        let partial = weightedSum(payload)
        // value × 10 ≡ −partial (mod 31); 28 is the inverse of 10 modulo 31.
        let value = ((modulus - partial % modulus) * 28) % modulus
        return alphabet[value]
    }

    static func weightedSum(_ symbols: [Character]) -> Int {
        symbols.enumerated().reduce(0) { $0 + ($1.offset + 1) * (values[$1.element] ?? 0) }
    }

    /// Grouped for reading: `K7QM-4XRT-9C`.
    public var display: String {
        let s = Array(symbols)
        return String(s[0..<4]) + "-" + String(s[4..<8]) + "-" + String(s[8..<10])
    }

    /// The code as the audit log and other lists kept for the long run name it: only its last two symbols,
    /// `••••-••••-9C`, since the code with the child's date of birth opens the family's application.
    public var masked: String { "••••-••••-" + String(symbols.suffix(2)) }

    public var description: String { display }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = RegistrationCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not a registration code"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(symbols)
    }
}
