import Foundation

/// One level of a scale, as forms write it: "T" — "Hoàn thành tốt".
public struct AssessmentLevel: Sendable, Equatable, Hashable, Codable {
    /// The symbol written in the book (T, H, C; T, Đ, C).
    public let code: String
    /// Its name.
    public let name: String
}

/// Which subjects have a periodic test (bài kiểm tra định kì) at which checkpoints, for which grades.
public struct TestRule: Sendable, Equatable, Codable {
    /// The subject's catalogue code (``SubjectCatalog``): TV, TOAN, NN1, LSDL, KH, THCN, TDT.
    public let subjectCode: String
    public let grades: [Int]
    public let checkpoints: [Checkpoint]
}

/// How periodic tests are scored.
public struct ScoreRule: Sendable, Equatable, Codable {
    public let lowest: Int
    public let highest: Int
    /// Whether 0 may be given (TT27: yes; TT30/TT22 reportedly not — unverified, so a setting).
    public let zeroAllowed: Bool
}

/// The year-end result's thresholds (TT27 Art. 9.2a): every end-of-year test score at least `excellent` for HTXS,
/// `good` for HTT, `pass` for HT.
public struct YearEndRule: Sendable, Equatable, Codable {
    /// Whether the rulebook classifies the year in four levels (HTXS, HTT, HT, CHT); TT30/TT22 only says whether the
    /// pupil completes the grade.
    public let fourLevels: Bool
    public let excellent: Int
    public let good: Int
    public let pass: Int
}

/// The rules of the assessment book for one rulebook (TT27/2020, or TT30/2014 as amended by TT22/2016), as data: the
/// checkpoints, the level scales, which subjects are tested when, the qualities and competencies, the year-end rules
/// and the limits of comments. Rules the sources did not confirm are listed in ``unverified`` and are settings here,
/// not branches in code.
public struct Rulebook: Sendable, Equatable, Codable, Identifiable {
    public let id: String
    public let name: String
    /// Where the rules come from, as the admin board reads it.
    public let source: String
    public let checkpoints: [Checkpoint]
    /// Levels of subjects and activities, best first.
    public let subjectLevels: [AssessmentLevel]
    /// Levels of qualities and competencies, best first.
    public let competenceLevels: [AssessmentLevel]
    /// Phẩm chất chủ yếu.
    public let qualities: [String]
    /// Năng lực chung.
    public let generalCompetencies: [String]
    /// Năng lực đặc thù.
    public let specificCompetencies: [String]
    public let tests: [TestRule]
    public let score: ScoreRule
    public let yearEnd: YearEndRule
    /// The longest comment, in characters.
    public let commentLimit: Int
    /// The checkpoints whose summary table the principal approves (Điều 6.5: the end of term I and of the year).
    public let approvedCheckpoints: [Checkpoint]
    /// Rules taken as settings because the sources did not confirm them.
    public let unverified: [String]

    /// The checkpoints at which `subjectCode` has a periodic test in `grade`.
    public func testCheckpoints(subject subjectCode: String, grade: Int) -> [Checkpoint] {
        tests.filter { $0.subjectCode == subjectCode && $0.grades.contains(grade) }.flatMap(\.checkpoints)
    }

    /// Whether `subjectCode` has a periodic test at `checkpoint` in `grade`.
    public func hasTest(subject subjectCode: String, grade: Int, at checkpoint: Checkpoint) -> Bool {
        testCheckpoints(subject: subjectCode, grade: grade).contains(checkpoint)
    }

    /// Whether `value` may be recorded as a periodic test score.
    public func accepts(score value: Int) -> Bool {
        (score.lowest...score.highest).contains(value) && (value != 0 || score.zeroAllowed)
    }
}
