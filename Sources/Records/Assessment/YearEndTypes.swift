import Foundation

/// The homeroom teacher's nomination of a pupil for "Học sinh Tiêu biểu" and where it stands.
public struct Nomination: Sendable, Equatable {
    /// Where the nomination stands.
    public enum Status: String, Sendable {
        case pending, approved, refused
    }

    /// The outstanding achievement or progress the nomination names.
    public let achievement: String
    public let status: Status
    public let nominatedBy: String
    public let decidedBy: String?
    /// The principal's note (the reason of a refusal).
    public let note: String
}

/// The principal's decision for a pupil who has not completed the grade after the supplementary assessment.
public struct PromotionDecision: Sendable, Equatable {
    /// Whether the pupil goes up (otherwise repeats the grade; the roll-over keeps them back).
    public let promotes: Bool
    public let decidedBy: String
    public let decidedAt: Date
    public let note: String
}

/// What follows a pupil's year-end result.
public struct YearEndFollowUp: Sendable, Equatable {
    /// The homeroom teacher's plan for a pupil who has not completed the grade.
    public let supportPlan: String
    public let nomination: Nomination?
    public let decision: PromotionDecision?
    /// The supplementary assessment, subject by subject: "Toán: H, điểm 6".
    public let retests: [String]
    /// Whether a supplementary assessment may still be entered (the pupil has not completed on the year's values and
    /// the principal has not decided).
    public let mayRetest: Bool

    static let none = YearEndFollowUp(supportPlan: "", nomination: nil, decision: nil, retests: [], mayRetest: false)
}

extension YearEndOutcome {
    /// The award an approved nomination gives (TT27 Art. 15).
    public static let exemplaryAward = "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện"

    /// The outcome with `award` added.
    func adding(award: String) -> YearEndOutcome {
        YearEndOutcome(
            result: result, reasons: reasons, missing: missing, completesGrade: completesGrade, awards: awards + [award],
            mayBeNominated: mayBeNominated)
    }
}
