import Foundation

/// Kết quả giáo dục cuối năm (TT27 Art. 9.2a).
public enum EducationResult: String, Sendable, Codable, CaseIterable {
    /// Hoàn thành xuất sắc.
    case excellent = "HTXS"
    /// Hoàn thành tốt.
    case good = "HTT"
    /// Hoàn thành.
    case completed = "HT"
    /// Chưa hoàn thành.
    case notCompleted = "CHT"

    public var label: String {
        switch self {
        case .excellent: "Hoàn thành xuất sắc"
        case .good: "Hoàn thành tốt"
        case .completed: "Hoàn thành"
        case .notCompleted: "Chưa hoàn thành"
        }
    }
}

/// One subject or activity at the end of the year, as the book holds it.
public struct YearEndSubject: Sendable, Equatable {
    public let code: String
    public let name: String
    /// T, H or C; nil when not entered.
    public let level: String?
    /// Every periodic test score at the end of the year, first attempt first: after a retest the last counts.
    public let scores: [Int]

    public init(code: String, name: String, level: String?, scores: [Int] = []) {
        self.code = code
        self.name = name
        self.level = level
        self.scores = scores
    }
}

/// One quality or competency at the end of the year: its name and T, Đ or C (nil when not entered).
public struct YearEndCompetence: Sendable, Equatable {
    public let name: String
    /// "phẩm chất" or "năng lực", as the reasons say it.
    public let kind: String
    public let level: String?

    public init(name: String, kind: String, level: String?) {
        self.name = name
        self.kind = kind
        self.level = level
    }
}

/// What the year's values give: the result with the reasons spelled out, or what is missing (never read as a fail).
public struct YearEndOutcome: Sendable, Equatable {
    /// The result, or nil while a value is missing (and always nil under a rulebook without four levels, where only
    /// ``completesGrade`` is decided).
    public let result: EducationResult?
    /// Why, in Vietnamese: "HT: Âm nhạc ở mức Hoàn thành".
    public let reasons: [String]
    /// Values not entered yet: "Âm nhạc: chưa có mức đạt được".
    public let missing: [String]
    /// Whether the pupil completes the grade (nil while values are missing).
    public let completesGrade: Bool?
    /// Awards the result gives by itself ("Học sinh Xuất sắc"); the "Tiêu biểu" award is nominated, not computed.
    public let awards: [String]
    /// Whether the pupil may be nominated "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện".
    public let mayBeNominated: Bool
}

/// Works out the year-end result from the end-of-year values under a rulebook.
public enum YearEndEvaluator {
    /// The outcome for a pupil of `grade` with these `subjects` and `competences` (qualities and competencies).
    public static func evaluate(
        _ subjects: [YearEndSubject], competences: [YearEndCompetence], grade: Int, rulebook: Rulebook
    ) -> YearEndOutcome {
        var missing: [String] = []
        for subject in subjects {
            if subject.level == nil { missing.append("\(subject.name): chưa có mức đạt được") }
            if rulebook.hasTest(subject: subject.code, grade: grade, at: .endOfYear) && subject.scores.isEmpty {
                missing.append("\(subject.name): chưa có điểm kiểm tra cuối năm")
            }
        }
        for item in competences where item.level == nil { missing.append("\(item.kind) \(item.name): chưa có mức") }
        guard missing.isEmpty else {
            return YearEndOutcome(result: nil, reasons: [], missing: missing, completesGrade: nil, awards: [], mayBeNominated: false)
        }
        let subjectLevels = rulebook.subjectLevels.map(\.code)
        let competenceLevels = rulebook.competenceLevels.map(\.code)
        let tested = subjects.compactMap { subject -> (YearEndSubject, Int)? in
            guard rulebook.hasTest(subject: subject.code, grade: grade, at: .endOfYear), let last = subject.scores.last else { return nil }
            return (subject, last)
        }
        let rules = rulebook.yearEnd
        // Whatever keeps the pupil below each level, in the order the book lists subjects.
        var belowPass: [String] = []
        var belowGood: [String] = []
        for subject in subjects where subject.level == subjectLevels.last {
            belowPass.append("\(subject.name) ở mức \(rulebook.subjectLevels.last!.name)")
        }
        for item in competences where item.level == competenceLevels.last {
            belowPass.append("\(item.kind) \(item.name) ở mức \(rulebook.competenceLevels.last!.name)")
        }
        for (subject, score) in tested where score < rules.pass {
            belowPass.append("điểm kiểm tra cuối năm môn \(subject.name) là \(score) (dưới \(rules.pass))")
        }
        for subject in subjects where subject.level == subjectLevels[1] {
            belowGood.append("\(subject.name) ở mức \(rulebook.subjectLevels[1].name)")
        }
        for item in competences where item.level == competenceLevels[1] {
            belowGood.append("\(item.kind) \(item.name) ở mức \(rulebook.competenceLevels[1].name)")
        }
        for (subject, score) in tested where score >= rules.pass && score < rules.good {
            belowGood.append("điểm kiểm tra cuối năm môn \(subject.name) là \(score) (dưới \(rules.good))")
        }
        let belowExcellent = tested.filter { $0.1 >= rules.good && $0.1 < rules.excellent }.map {
            "điểm kiểm tra cuối năm môn \($0.0.name) là \($0.1) (dưới \(rules.excellent))"
        }
        let result: EducationResult =
            !belowPass.isEmpty
            ? .notCompleted : !belowGood.isEmpty ? .completed : !belowExcellent.isEmpty ? .good : .excellent
        let completes = result != .notCompleted
        let reasons: [String]
        switch result {
        case .notCompleted: reasons = belowPass
        case .completed: reasons = belowGood
        case .good: reasons = belowExcellent
        case .excellent:
            reasons = [
                "mọi môn học và hoạt động ở mức \(rulebook.subjectLevels[0].name), phẩm chất và năng lực ở mức "
                    + "\(rulebook.competenceLevels[0].name), điểm kiểm tra cuối năm từ \(rules.excellent)"
            ]
        }
        guard rules.fourLevels else {
            return YearEndOutcome(
                result: nil, reasons: completes ? [] : reasons.map { "Chưa hoàn thành: \($0)" }, missing: [], completesGrade: completes,
                awards: [], mayBeNominated: false)
        }
        return YearEndOutcome(
            result: result, reasons: reasons.map { "\(result.rawValue): \($0)" }, missing: [], completesGrade: completes,
            awards: result == .excellent ? ["Học sinh Xuất sắc"] : [], mayBeNominated: result == .good)
    }
}
