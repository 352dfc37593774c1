import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `ConversionController`: plain values that templates read, built without a request.
enum ConversionPages {}

extension ConversionPages {
    struct Page: Encodable {
        let layout: Layout
        let campaignTitle: String
        let yearName: String
        let rows: [Row]
        let together: Bool
        let action: String
        let inviteAction: String
        let problem: String?
        /// Every problem of the details typed, one line per child, for the summary at the top.
        let problems: [String]
        /// How many children still lack what the register must have.
        let incomplete: Int
        /// The browser keeps what the clerk types here until it is saved.
        let draftKey: String
    }

    struct Row: Encodable {
        let applicationID: String
        let number: String
        let name: String
        let gender: String
        let kindergarten: String
        let classes: [SelectOption]
        /// The ethnic group chosen (the template lists them all with `#ethnicityOptions`).
        let ethnicity: String
        let personalID: String
        let placeOfBirth: String
        /// The problems of this child's cells, by field (`ethnicity`, `personalID`, `placeOfBirth`).
        let problems: [String: String]
        let isIncomplete: Bool
    }
}

extension ConversionPages.Row {
    /// The row of `candidate`: the details as typed when the clerk posted them, otherwise as the application holds
    /// them.
    init(_ candidate: ConversionCandidate, classes: [SelectOption], posted: [String: String]?, problems: FieldProblems) {
        let id = candidate.applicationID.description
        let details = ConversionPages.details(of: candidate, in: posted) ?? candidate.details
        let all = problems.byField
        var own: [String: String] = [:]
        for field in ["ethnicity", "personalID", "placeOfBirth"] {
            if let message = all["\(field)-\(id)"] { own[field] = message }
        }
        self.init(
            applicationID: id, number: candidate.number, name: candidate.name, gender: candidate.isGirl ? "Nữ" : "Nam",
            kindergarten: candidate.kindergarten, classes: classes,
            ethnicity: details.ethnicity, personalID: details.personalID, placeOfBirth: details.placeOfBirth, problems: own,
            isIncomplete: details.isIncomplete)
    }
}

extension ConversionPages {
    /// The details the clerk posted for `candidate`, or nil when the post has none for it.
    static func details(of candidate: ConversionCandidate, in posted: [String: String]?) -> ChildDetails? {
        let id = candidate.applicationID.description
        guard let posted, let ethnicity = posted["ethnicity-\(id)"] else { return nil }
        return ChildDetails(
            ethnicity: ethnicity, personalID: posted["personalID-\(id)"] ?? "",
            placeOfBirth: posted["placeOfBirth-\(id)"] ?? "", hometown: candidate.details.hometown)
    }
}
