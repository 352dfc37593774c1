import Foundation
import Records
import Vapor

extension AssessmentPages {
    struct ResultsPage: Encodable {
        let layout: Layout
        let className: String
        let yearName: String
        var rows: [ResultRow]
        let levels: [String]
        let subjects: [SelectOption]
        /// The signing forms the caller may use: (stage, button label).
        var signing: [SigningForm] = []
        var signAction = ""
        /// The school seal hoso keeps, offered to the principal instead of a file.
        var schoolSeal: String? = nil
    }

    struct SigningForm: Encodable {
        let stage: String
        let title: String
        let button: String
    }

    /// A refused follow-up form: whose row, which form, the message and what was typed.
    struct Refusal {
        let student: StudentID
        let form: String
        let message: String
        let values: [String: String]
    }

    /// What the caller may do on the results page.
    struct ResultsRights {
        /// The homeroom teacher's part: nominations, support plans.
        let write: Bool
        /// The principal's: decisions.
        let control: Bool
    }

    struct ResultRow: Encodable {
        let anchor: String
        /// The pupil's học bạ (PDF).
        let transcript: String
        /// "Đã ký: Phạm Thị Hằng; Nguyễn Văn Minh", or empty.
        var signed = ""
        let position: Int
        let name: String
        let result: String
        let reasons: [String]
        let missing: [String]
        let awards: String
        let nomination: String
        let supportPlan: String
        let retests: [String]
        let decision: String
        /// Forms shown in the row, with their actions; a refused one carries its message and typed values.
        let nominate: RowForm?
        let decideNomination: RowForm?
        let support: RowForm?
        let retest: RowForm?
        let decide: RowForm?
    }

    struct RowForm: Encodable {
        let action: String
        let message: String
        let values: [String: String]
    }

    static func results(
        _ lines: [PupilYearResult], class id: ClassID, layout: Layout, className: String, yearName: String, may: ResultsRights,
        retestSubjects: [Subject], refused: Refusal?
    ) -> ResultsPage {
        let rows = lines.map { line -> ResultRow in
            let outcome = line.outcome
            let follow = line.followUp
            let student = line.studentID
            func form(_ name: String, _ path: SitePath<ClassID, StudentID>, when shown: Bool) -> RowForm? {
                guard shown else { return nil }
                let mine = refused?.student == student && refused?.form == name
                return RowForm(action: path(id, student), message: mine ? refused!.message : "", values: mine ? refused!.values : [:])
            }
            let parts = [outcome.result.map { "\($0.rawValue) — \($0.label)" }, line.completion].compactMap { $0 }
            let result = parts.isEmpty ? "Chưa đủ dữ liệu" : parts.joined(separator: "; ")
            let notCompleting = outcome.completesGrade == false || follow.mayRetest
            return ResultRow(
                anchor: "pupil-\(student)", transcript: Site.transcriptPDF(id, student), position: line.position, name: line.name.full,
                result: result, reasons: outcome.reasons,
                missing: outcome.missing, awards: outcome.awards.joined(separator: ", "), nomination: nominationText(follow.nomination),
                supportPlan: follow.supportPlan, retests: follow.retests, decision: decisionText(follow.decision),
                nominate: form(
                    "nominate", Site.yearEndNominate, when: may.write && outcome.mayBeNominated && follow.nomination?.status != .approved),
                decideNomination: form("nomination", Site.yearEndNomination, when: may.control && follow.nomination?.status == .pending),
                support: form("support", Site.yearEndSupport, when: may.write && notCompleting && follow.decision == nil),
                retest: form("retest", Site.yearEndRetest, when: follow.mayRetest && !retestSubjects.isEmpty),
                decide: form(
                    "decision", Site.yearEndDecision, when: may.control && outcome.completesGrade == false && follow.decision == nil))
        }
        return ResultsPage(
            layout: layout, className: className, yearName: yearName, rows: rows, levels: ["T", "H", "C"],
            subjects: retestSubjects.map { SelectOption(value: $0.id.description, label: $0.name, selected: false) })
    }

    static func nominationText(_ nomination: Nomination?) -> String {
        guard let nomination else { return "" }
        let state: String
        switch nomination.status {
        case .pending: state = "chờ hiệu trưởng duyệt"
        case .approved: state = "hiệu trưởng đã duyệt (\(nomination.decidedBy ?? ""))"
        case .refused: state = "không được duyệt: \(nomination.note)"
        }
        return "Đề nghị Tiêu biểu (\(nomination.nominatedBy)): \(nomination.achievement) — \(state)"
    }

    static func decisionText(_ decision: PromotionDecision?) -> String {
        guard let decision else { return "" }
        let verb = decision.promotes ? "Cho lên lớp" : "Ở lại lớp"
        return "\(verb) — \(decision.decidedBy), \(Timestamps.display(decision.decidedAt))"
            + (decision.note.isEmpty ? "" : ": \(decision.note)")
    }
}
