import FluentKit
import Foundation
import SQLKit

/// How the school prints its register numbers (số đăng bộ). The number itself is an integer; the pattern only
/// decides how it is written, e.g. `{n}/{year}` → "125/2026".
///
/// Tokens: `{n}` the number; `{n:4}` the number with leading zeros to 4 digits; `{year}` the first calendar year of
/// the school year of entry (2026 for 2026‑2027); `{schoolYear}` the school year's name ("2026-2027"). Every other
/// character is printed as written.
public struct RegisterNumberFormat: Sendable, Equatable, Codable {
    /// The pattern as the school typed it.
    public let pattern: String
    let parts: [Part]

    enum Part: Equatable, Codable {
        case literal(String)
        case number(digits: Int)
        case year
        case schoolYear
    }

    /// `{n}/{year}`, used until the school chooses another format.
    public static let standard = RegisterNumberFormat(pattern: "{n}/{year}", parts: [.number(digits: 0), .literal("/"), .year])

    /// Reads a pattern; problems are reported under the field `numberFormat`.
    public init(pattern text: String) throws {
        let pattern = VietnameseText.clean(text)
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(pattern)
        var numbers = 0
        let problem = { (message: String) in FieldProblems("numberFormat", message) }
        while let character = rest.first {
            if character == "}" { throw problem("Dấu } không khớp với dấu { nào.") }
            guard character == "{" else {
                literal.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard let close = rest.firstIndex(of: "}") else { throw problem("Thiếu dấu } đóng.") }
            let token = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            switch token {
            case "n":
                parts.append(.number(digits: 0))
                numbers += 1
            case "year":
                parts.append(.year)
            case "schoolYear":
                parts.append(.schoolYear)
            default:
                if token.hasPrefix("n:"), let digits = Int(token.dropFirst(2)), (1...8).contains(digits) {
                    parts.append(.number(digits: digits))
                    numbers += 1
                } else {
                    throw problem("Không hiểu {\(token)}. Dùng {n}, {n:4}, {year} hoặc {schoolYear}.")
                }
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        if numbers != 1 { throw problem("Mẫu phải có đúng một chỗ cho số thứ tự: {n} hoặc {n:4}.") }
        if pattern.count > 40 { throw problem("Mẫu dài tối đa 40 ký tự.") }
        self.pattern = pattern
        self.parts = parts
    }

    private init(pattern: String, parts: [Part]) {
        self.pattern = pattern
        self.parts = parts
    }

    /// The number as printed for a pupil who entered in the school year `yearName` (such as "2026-2027").
    public func text(number: Int, yearName: String) -> String {
        let firstYear = yearName.prefix(while: \.isNumber)
        return parts.map { part in
            switch part {
            case .literal(let text): text
            case .number(let digits): digits == 0 ? String(number) : Self.padded(number, to: digits)
            case .year: String(firstYear)
            case .schoolYear: yearName
            }
        }.joined()
    }

    static func padded(_ number: Int, to digits: Int) -> String {
        let text = String(number)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }

    /// Decodes the pattern text, checking it as ``init(pattern:)`` does.
    public init(from decoder: any Decoder) throws {
        try self.init(pattern: decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the pattern text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pattern)
    }
}

/// The register's number sequence: one counter row per school, moved forward inside the writer's transaction.
enum RegisterNumbers {
    /// Reserves `count` numbers and returns the first. Runs inside the admission's transaction, after the audit
    /// head's lock: concurrent writers queue on that lock (and on this row's), and a rollback gives the numbers
    /// back, so the sequence has no gaps. The unique index on the entries is the last guard.
    static func reserve(_ count: Int, on db: any Database) async throws -> Int {
        let sql = db.sql()
        try await sql.raw("UPDATE register_counter SET last_number = last_number + \(bind: count) WHERE id = 1").run()
        guard let row = try await sql.raw("SELECT last_number FROM register_counter WHERE id = 1").first() else {
            throw RecordsError.notFound
        }
        return try row.decode(column: "last_number", as: Int.self) - count + 1
    }

    /// The school's current format.
    static func format(on db: any Database) async throws -> RegisterNumberFormat {
        guard let row = try await RegisterSettingsRow.find(1, on: db) else { return .standard }
        return (try? RegisterNumberFormat(pattern: row.numberFormat)) ?? .standard
    }
}
