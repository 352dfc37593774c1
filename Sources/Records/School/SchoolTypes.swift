import Foundation

/// The school's profile (one per installation).
public struct SchoolProfile: Sendable, Equatable, Codable {
    public var name: String
    /// Mã trường, as given by the education office.
    public var code: String
    /// Province code after the 2025 reform (two digits).
    public var provinceCode: String
    /// Commune/ward code after the 2025 reform (five digits).
    public var wardCode: String
    /// Street, number, tổ dân phố/thôn.
    public var addressLine: String
    public var phone: String
    public var email: String
    public var principalName: String
    /// Whether every staff member must use a second factor.
    public var requireSecondFactor: Bool

    public init(
        name: String, code: String = "", provinceCode: String = "", wardCode: String = "", addressLine: String = "",
        phone: String = "", email: String = "", principalName: String = "", requireSecondFactor: Bool = false
    ) {
        self.name = name
        self.code = code
        self.provinceCode = provinceCode
        self.wardCode = wardCode
        self.addressLine = addressLine
        self.phone = phone
        self.email = email
        self.principalName = principalName
        self.requireSecondFactor = requireSecondFactor
    }
}

/// Giữa học kì I, Cuối học kì I, Giữa học kì II, Cuối năm: the four periodic checkpoints.
public enum Checkpoint: String, CaseIterable, Sendable, Codable {
    /// GK1 — Giữa học kì I.
    case midTerm1
    /// CK1 — Cuối học kì I.
    case endTerm1
    /// GK2 — Giữa học kì II.
    case midTerm2
    /// CN — Cuối năm học.
    case endOfYear

    /// Short code used on forms: GK1, CK1, GK2, CN.
    public var code: String {
        switch self {
        case .midTerm1: "GK1"
        case .endTerm1: "CK1"
        case .midTerm2: "GK2"
        case .endOfYear: "CN"
        }
    }

    /// Full Vietnamese name.
    public var label: String {
        switch self {
        case .midTerm1: "Giữa học kì I"
        case .endTerm1: "Cuối học kì I"
        case .midTerm2: "Giữa học kì II"
        case .endOfYear: "Cuối năm học"
        }
    }
}

/// A school year (năm học) with its two terms and four checkpoint dates.
public struct SchoolYear: Sendable, Equatable, Codable {
    public let id: SchoolYearID
    /// Such as "2026-2027".
    public var name: String
    public var dates: SchoolYearDates
    public var isCurrent: Bool
}

/// The dates that shape a school year.
public struct SchoolYearDates: Sendable, Equatable, Codable {
    public var startsOn: SchoolDate
    public var term1EndsOn: SchoolDate
    public var term2StartsOn: SchoolDate
    public var endsOn: SchoolDate
    public var checkpoints: [Checkpoint: SchoolDate]

    public init(
        startsOn: SchoolDate, term1EndsOn: SchoolDate, term2StartsOn: SchoolDate, endsOn: SchoolDate,
        checkpoints: [Checkpoint: SchoolDate]
    ) {
        self.startsOn = startsOn
        self.term1EndsOn = term1EndsOn
        self.term2StartsOn = term2StartsOn
        self.endsOn = endsOn
        self.checkpoints = checkpoints
    }

    /// Usual dates for the year starting in September of `startYear`; the school edits them.
    public static func typical(startYear y: Int) -> SchoolYearDates {
        func d(_ year: Int, _ month: Int, _ day: Int) -> SchoolDate { SchoolDate(year: year, month: month, day: day)! }
        return SchoolYearDates(
            startsOn: d(y, 9, 5), term1EndsOn: d(y + 1, 1, 17), term2StartsOn: d(y + 1, 1, 19), endsOn: d(y + 1, 5, 31),
            checkpoints: [.midTerm1: d(y, 11, 1), .endTerm1: d(y + 1, 1, 10), .midTerm2: d(y + 1, 3, 21), .endOfYear: d(y + 1, 5, 20)])
    }

    /// Problems with the order of the dates, by field.
    public func problems() -> FieldProblems {
        var problems = FieldProblems()
        if term1EndsOn <= startsOn { problems.add("term1EndsOn", "Ngày kết thúc học kì I phải sau ngày khai giảng.") }
        if term2StartsOn <= term1EndsOn { problems.add("term2StartsOn", "Học kì II phải bắt đầu sau khi học kì I kết thúc.") }
        if endsOn <= term2StartsOn { problems.add("endsOn", "Ngày kết thúc năm học phải sau ngày bắt đầu học kì II.") }
        let term1 = startsOn...term1EndsOn
        let term2 = term2StartsOn...endsOn
        for (checkpoint, range) in [(Checkpoint.midTerm1, term1), (.endTerm1, term1), (.midTerm2, term2), (.endOfYear, term2)] {
            guard let date = checkpoints[checkpoint] else {
                problems.add(checkpoint.rawValue, "Vui lòng nhập ngày đánh giá \(checkpoint.label).")
                continue
            }
            if !range.contains(date) {
                let term = range == term1 ? "học kì I" : "học kì II"
                problems.add(checkpoint.rawValue, "Ngày đánh giá \(checkpoint.label) phải nằm trong \(term).")
            }
        }
        if let mid1 = checkpoints[.midTerm1], let end1 = checkpoints[.endTerm1], mid1 >= end1 {
            problems.add(Checkpoint.endTerm1.rawValue, "Đánh giá cuối học kì I phải sau giữa học kì I.")
        }
        if let mid2 = checkpoints[.midTerm2], let end = checkpoints[.endOfYear], mid2 >= end {
            problems.add(Checkpoint.endOfYear.rawValue, "Đánh giá cuối năm phải sau giữa học kì II.")
        }
        return problems
    }
}

/// A class (lớp) of one school year.
public struct SchoolClass: Sendable, Equatable, Codable {
    public let id: ClassID
    public let yearID: SchoolYearID
    public var name: String
    /// Khối 1–5 (the lowest grade of a multi‑grade class).
    public var grade: Int
    public var homeroomTeacherID: AccountID?
    /// The homeroom teacher's name, when there is one.
    public var homeroomTeacherName: String?
    public var room: String
    public var capacity: Int
    /// Lớp ghép: pupils of several grades together.
    public var isMultiGrade: Bool
    /// Incremented on every change; an edit must name the version it started from.
    public var version: Int
}

/// What a manager types to create or change a class.
public struct ClassDraft: Sendable, Equatable {
    public var name: String
    public var grade: Int?
    public var homeroomTeacherID: AccountID?
    public var room: String
    public var capacity: Int?
    public var isMultiGrade: Bool

    public init(
        name: String, grade: Int?, homeroomTeacherID: AccountID? = nil, room: String = "", capacity: Int? = 35,
        isMultiGrade: Bool = false
    ) {
        self.name = name
        self.grade = grade
        self.homeroomTeacherID = homeroomTeacherID
        self.room = room
        self.capacity = capacity
        self.isMultiGrade = isMultiGrade
    }
}

/// Limits on class size (TT28/2020 Art. 15: at most 35 pupils; a multi‑grade class at most 15).
public struct ClassRules: Sendable {
    public var maxPupils: Int
    public var maxPupilsMultiGrade: Int
    public init(maxPupils: Int = 35, maxPupilsMultiGrade: Int = 15) {
        self.maxPupils = maxPupils
        self.maxPupilsMultiGrade = maxPupilsMultiGrade
    }
}

/// Whether a subject is a subject or an educational activity.
public enum SubjectKind: String, Sendable, Codable, CaseIterable {
    case subject, activity
    public var label: String { self == .subject ? "Môn học" : "Hoạt động giáo dục" }
}

/// Compulsory or elective (tự chọn).
public enum SubjectStatus: String, Sendable, Codable, CaseIterable {
    case compulsory, elective
    public var label: String { self == .compulsory ? "Bắt buộc" : "Tự chọn" }
}

/// A subject or educational activity taught in one grade.
public struct Subject: Sendable, Equatable, Codable {
    public let id: SubjectID
    public var grade: Int
    public var code: String
    public var name: String
    public var kind: SubjectKind
    public var status: SubjectStatus
    /// Whether periodic tests give a score (điểm KTĐK).
    public var isScored: Bool
    public var periodsPerYear: Int
    public var sortOrder: Int
    public var isActive: Bool
}

/// A subject teacher (GVBM) teaching one subject in one class.
public struct TeachingAssignment: Sendable, Equatable {
    public let id: TeachingAssignmentID
    public let accountID: AccountID
    public let teacherName: String
    public let classID: ClassID
    public let className: String
    public let subjectID: SubjectID
    public let subjectName: String
}
