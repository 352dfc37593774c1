import Foundation

/// Day serials as spreadsheets store dates: days since 30 December 1899, except that the 1900 system keeps Lotus's
/// phantom 29 February 1900 (serial 60), so serials below 61 are one day off from plain counting.
enum ExcelDate {
    /// The 1900‑system serial of a date, or nil when the date does not exist or lies before 1900.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        guard (1900...9999).contains(year), (1...12).contains(month),
            (1...daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day) - CivilCalendar.days(year: 1899, month: 12, day: 30)
        return days < 61 ? days - 1 : days
    }

    /// `dd/MM/yyyy` for a serial (its time of day dropped), or nil when the serial is no date Excel would show.
    static func text(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        let date: (year: Int, month: Int, day: Int)
        if date1904 {
            date = CivilCalendar.date(days: CivilCalendar.days(year: 1904, month: 1, day: 1) + whole)
        } else if whole == 60 {
            date = (1900, 2, 29)
        } else {
            date = CivilCalendar.date(days: CivilCalendar.days(year: 1899, month: 12, day: 30) + (whole < 60 ? whole + 1 : whole))
        }
        return text(year: date.year, month: date.month, day: date.day)
    }

    /// `dd/MM/yyyy`, the way Vietnamese forms write dates.
    static func text(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(day, 2))/\(pad(month, 2))/\(pad(year, 4))"
    }

    /// `dd/MM/yyyy` for an ISO 8601 date (`t="d"` cells of Strict OOXML), or nil if `iso` does not start with one.
    static func text(iso: String) -> String? {
        let parts = iso.prefix(10).split(separator: "-")
        guard iso.count >= 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return nil }
        return text(year: year, month: month, day: day)
    }

    /// Whether a number format shows a date. Built‑in ids 14–17 and 22 are dates, 27–36 and 50–58 East Asian dates;
    /// 18–21 and 45–47 are times only. A custom code is a date when, outside quoted text, escapes and `[…]` sections,
    /// it has a day or year part (`m` alone could be minutes).
    static func isDateFormat(id: Int, code: String?) -> Bool {
        guard let code else {
            return (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id)
        }
        var inQuotes = false
        var inBrackets = false
        var skipNext = false
        for character in code.lowercased() {
            if skipNext {
                skipNext = false
                continue
            }
            switch character {
            case "\"": inQuotes.toggle()
            case _ where inQuotes: continue
            case "\\", "_", "*": skipNext = true
            case "[": inBrackets = true
            case "]": inBrackets = false
            case _ where inBrackets: continue
            case "d", "y": return true
            default: continue
            }
        }
        return false
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Numbers as a person reads them in the sheet: whole numbers without ".0" or an exponent, so that phone numbers and
/// IDs typed as numbers come back digit for digit.
enum ExcelNumber {
    /// The text of a number cell's stored value.
    static func text(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if let digits = plainInteger(trimmed) { return digits }
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        // Excel shows at most 15 significant digits; its files hold 17, so 0.1 + 0.2 would read 0.30000000000000004.
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        if value == value.rounded(), abs(value) < 1e21 { return wholeNumber15Digits(value) }
        return String(format: "%.15g", value)
    }

    /// A large whole number as Excel's `0` format shows it: 15 significant digits, then zeros.
    private static func wholeNumber15Digits(_ value: Double) -> String {
        let scientific = String(format: "%.14e", abs(value))  // "1.23456789012345e+17"
        let parts = scientific.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]), exponent >= 14 else { return String(format: "%.0f", value) }
        let digits = parts[0].filter(\.isNumber)
        return (value < 0 ? "-" : "") + digits + String(repeating: "0", count: exponent - 14)
    }

    /// Text of `number` as written into a cell: the shortest form that reads back as the same Double.
    static func xmlValue(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 9.0e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// Digits exactly as stored (beyond Double's 15–17 digits too), without leading zeros.
    private static func plainInteger(_ text: String) -> String? {
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let significant = digits.drop { $0 == "0" }
        if significant.isEmpty { return "0" }
        return (negative ? "-" : "") + significant
    }
}

/// How a workbook's styles change what number cells show, by cell style index (`s="…"`).
struct CellFormats {
    /// Styles whose number format is a date format.
    var dates: Set<Int> = []
    /// Styles that show whole numbers padded with zeros or behind a literal prefix.
    var paddedIntegers: [Int: PaddedInteger] = [:]
}

/// A number format made only of a literal prefix and digit placeholders, such as `0000000000` or `"0"#########`:
/// how spreadsheets keep the leading zero of phone numbers and codes typed as numbers.
struct PaddedInteger: Equatable {
    let prefix: String
    let digits: Int

    /// Nil for any other format, and for plain `0` or `#`, which show the number as it is.
    init?(formatCode: String) {
        var prefix = ""
        var zeros = 0
        var placeholders = 0
        var characters = Substring(formatCode.prefix { $0 != ";" })
        while let character = characters.popFirst() {
            switch character {
            case "0", "#":
                zeros += character == "0" ? 1 : 0
                placeholders += 1
            case "\\" where placeholders == 0:
                guard let literal = characters.popFirst() else { return nil }
                prefix.append(literal)
            case "\"" where placeholders == 0:
                guard let close = characters.firstIndex(of: "\"") else { return nil }
                prefix += characters[..<close]
                characters = characters[characters.index(after: close)...]
            default:
                return nil
            }
        }
        guard placeholders > 0, zeros > 1 || !prefix.isEmpty else { return nil }
        self.prefix = prefix
        self.digits = zeros
    }

    /// The cell's text, or nil when the value is not a whole number from 0 to 10^15.
    func text(_ raw: String) -> String? {
        guard let value = Double(raw.trimmingCharacters(in: .whitespaces)), value >= 0, value < 1e15,
            value == value.rounded()
        else { return nil }
        let number = String(Int64(value))
        return prefix + String(repeating: "0", count: max(0, digits - number.count)) + number
    }
}
