import Documents
import Foundation

/// A calendar date without time, stored as `yyyy-MM-dd` so it compares and sorts the same on SQLite and PostgreSQL.
public struct SchoolDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date when the parts form a real calendar date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1,
            day <= SchoolDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-MM-dd` (storage form).
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Parses what a person types: `dd/MM/yyyy`, also with `-`, `.`, `,` or a space between the parts and one‑digit
    /// day or month, or eight digits alone (`05032021`) as a phone's digit keypad types them.
    public init?(vietnamese text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 8, trimmed.allSatisfy(\.isASCIIDigit) {
            let digits = Array(trimmed)
            guard let day = Int(String(digits[0..<2])), let month = Int(String(digits[2..<4])), let year = Int(String(digits[4...]))
            else { return nil }
            self.init(year: year, month: month, day: day)
            return
        }
        let parts = trimmed.split(whereSeparator: { "/-.,".contains($0) || $0 == " " })
        guard parts.count == 3, parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date of `date` in Vietnam (UTC+7, no daylight saving).
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SchoolDate.vietnam
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    /// Vietnam's time zone, used for every date and time shown.
    public static let vietnam = TimeZone(secondsFromGMT: 7 * 3600)!

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Storage form `yyyy-MM-dd`.
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// Display form `dd/MM/yyyy`.
    public var display: String { String(format: "%02d/%02d/%04d", day, month, year) }
    public var description: String { display }

    public static func < (lhs: SchoolDate, rhs: SchoolDate) -> Bool { lhs.iso < rhs.iso }

    /// Midnight at the start of this day in Vietnam.
    public var startOfDay: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SchoolDate.vietnam
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The day of the week, 1 for Sunday to 7 for Saturday (Vietnamese "Thứ" is this number: Thứ 2 is Monday).
    public var weekday: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SchoolDate.vietnam
        return calendar.component(.weekday, from: startOfDay)
    }

    /// This date moved by `days`.
    public func adding(days: Int) -> SchoolDate {
        SchoolDate(startOfDay.addingTimeInterval(Double(days) * 86_400 + 3_600))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = SchoolDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// Formats instants for people (Vietnam time, `dd/MM/yyyy HH:mm`) and for storage (ISO 8601 with milliseconds, UTC).
///
/// Both are computed by arithmetic on the instant (no `Calendar` or formatter): a parent's page reads and shows
/// several per request.
public enum Timestamps {
    /// `dd/MM/yyyy HH:mm` in Vietnam time.
    public static func display(_ date: Date) -> String {
        let c = Civil(millis: millis(date) + 7 * 3_600_000)
        return digits([(c.day, 2, "/"), (c.month, 2, "/"), (c.year, 4, " "), (c.hour, 2, ":"), (c.minute, 2, nil)])
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC: exact, sortable text, identical on every database.
    public static func storage(_ date: Date) -> String {
        let c = Civil(millis: millis(date))
        return digits([
            (c.year, 4, "-"), (c.month, 2, "-"), (c.day, 2, "T"), (c.hour, 2, ":"), (c.minute, 2, ":"), (c.second, 2, "."),
            (c.millisecond, 3, "Z"),
        ])
    }

    /// Parses `dd/MM/yyyy HH:mm` typed in Vietnam time; `nil` for anything else.
    public static func parseDisplay(_ text: String) -> Date? {
        let parts = VietnameseText.clean(text).split(separator: " ")
        guard parts.count == 2, let date = SchoolDate(vietnamese: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else { return nil }
        return date.startOfDay.addingTimeInterval(Double(clock[0] * 3600 + clock[1] * 60))
    }

    /// The storage form as milliseconds since 1970, read by position without a formatter (the grids read one per
    /// value); `nil` for text not in the storage form.
    public static func storageMillis(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { b -> Int? in
            guard b.count == 24, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 46, b[23] == 90
            else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    guard (48...57).contains(b[i]) else { return nil }
                    value = value * 10 + Int(b[i] - 48)
                }
                return value
            }
            guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2),
                let mi = number(14, 2), let s = number(17, 2), let ms = number(20, 3), (1...12).contains(m), (1...31).contains(d),
                h < 24, mi < 60, s < 60
            else { return nil }
            return ((CivilCalendar.days(year: y, month: m, day: d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms
        }
    }

    /// Parses the storage form back; other ISO 8601 forms (without milliseconds, with an offset) through a formatter.
    public static func parseStorage(_ text: String) -> Date? {
        if let millis = storageMillis(text) { return Date(timeIntervalSince1970: Double(millis) / 1000) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// Whole milliseconds since 1970, rounded to the microsecond first so that a stored instant read back gives the
    /// same millisecond.
    static func millis(_ date: Date) -> Int {
        let micros = Int((date.timeIntervalSince1970 * 1_000_000).rounded())
        return micros >= 0 ? micros / 1000 : (micros - 999) / 1000
    }

    /// Each value with zeros in front up to its width, then its separator.
    private static func digits(_ parts: [(value: Int, width: Int, then: Unicode.Scalar?)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.width + 1 })
        for part in parts {
            var number = [UInt8](repeating: 48, count: part.width)
            var rest = part.value
            for i in stride(from: part.width - 1, through: 0, by: -1) {
                number[i] = UInt8(48 + rest % 10)
                rest /= 10
            }
            out += number
            if let separator = part.then { out.append(UInt8(separator.value)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A proleptic Gregorian date and time of day from milliseconds since 1970.
    struct Civil {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int

        init(millis: Int) {
            let dayMillis = 86_400_000
            let days = millis >= 0 ? millis / dayMillis : (millis - dayMillis + 1) / dayMillis
            let inDay = millis - days * dayMillis
            hour = inDay / 3_600_000
            minute = inDay / 60_000 % 60
            second = inDay / 1000 % 60
            millisecond = inDay % 1000
            (year, month, day) = CivilCalendar.date(days: days)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
