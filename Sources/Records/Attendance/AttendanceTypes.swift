import Foundation

/// Nghỉ có phép or nghỉ không phép.
public enum AbsenceKind: String, Sendable, Codable, CaseIterable {
    /// Có phép: the family asked.
    case excused = "P"
    /// Không phép.
    case unexcused = "K"

    /// Vietnamese label.
    public var label: String { self == .excused ? "Có phép" : "Không phép" }
}

/// A month of a school year, e.g. 10/2026.
public struct SchoolMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// A month, when `month` is 1–12.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1900...2200).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// "2026-10" (as stored and in addresses) or "10/2026".
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        if text.contains("-") { self.init(year: parts[0], month: parts[1]) } else { self.init(year: parts[1], month: parts[0]) }
    }

    /// The month a date falls in.
    public init(_ date: SchoolDate) {
        year = date.year
        month = date.month
    }

    /// "2026-10".
    public var key: String { String(format: "%04d-%02d", year, month) }
    /// "10/2026".
    public var description: String { String(format: "%02d/%04d", month, year) }

    /// Every day of the month.
    public var days: [SchoolDate] { (1...31).compactMap { SchoolDate(year: year, month: month, day: $0) } }

    /// The next month.
    public var next: SchoolMonth { month == 12 ? SchoolMonth(year: year + 1, month: 1)! : SchoolMonth(year: year, month: month + 1)! }

    public static func < (lhs: SchoolMonth, rhs: SchoolMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    /// The months a school year spans, first to last.
    public static func months(of dates: SchoolYearDates) -> [SchoolMonth] {
        var result: [SchoolMonth] = []
        var month = SchoolMonth(dates.startsOn)
        while month <= SchoolMonth(dates.endsOn) {
            result.append(month)
            month = month.next
        }
        return result
    }
}

/// Absences counted: có phép and không phép.
public struct AbsenceCount: Sendable, Equatable {
    public var excused: Int
    public var unexcused: Int

    /// A count; none by default.
    public init(excused: Int = 0, unexcused: Int = 0) {
        self.excused = excused
        self.unexcused = unexcused
    }

    /// Both.
    public var total: Int { excused + unexcused }

    mutating func add(_ kind: AbsenceKind) {
        if kind == .excused { excused += 1 } else { unexcused += 1 }
    }
}

/// A class's attendance for one month, as the homeroom teacher marks it.
public struct AttendanceGrid: Sendable, Equatable {
    /// One pupil's row.
    public struct Line: Sendable, Equatable {
        public let studentID: StudentID
        public let position: Int
        public let name: PersonName
        /// Absences by day of the month.
        public let marks: [Int: AbsenceKind]
        /// Days (of the month) that can be marked for this pupil: not after they left or moved.
        public let open: Set<Int>
        /// Why some days are closed (a note from the roster), or empty.
        public let note: String
        public let month: AbsenceCount
        public let term: AbsenceCount
        public let year: AbsenceCount
    }

    public let classID: ClassID
    public let className: String
    public let yearName: String
    public let month: SchoolMonth
    /// The months of the school year, for choosing another.
    public let months: [SchoolMonth]
    /// School days of the month (Monday to Friday inside the year); days after today cannot be marked yet.
    public let days: [SchoolDate]
    public let lines: [Line]
    /// Incremented by every save; a save from an older version is refused.
    public let version: Int
    /// Who last saved the month, and when.
    public let updatedBy: String?
    public let updatedAt: Date?
    /// "học kì I" or "học kì II": the term the month's totals column counts.
    public let termName: String
}

/// Whether a class has recorded a month, for the principal.
public struct AttendanceStatus: Sendable, Equatable {
    public let classID: ClassID
    public let className: String
    public let homeroomTeacher: String?
    public let updatedBy: String?
    public let updatedAt: Date?
    public let absences: AbsenceCount
}
