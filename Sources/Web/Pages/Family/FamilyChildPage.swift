import Admissions
import Foundation
import Records
import Vapor

extension FamilyPages {
    struct ChildPage: Encodable {
        let layout: Layout
        let child: ChildCard
        let results: [ResultsCard]
        let consent: ConsentCard
        let attendance: [FamilyAttendanceLine]
    }

    /// One month of the child's absences.
    struct FamilyAttendanceLine: Encodable {
        let month: String
        let excused: Int
        let unexcused: Int
    }

    /// The family's photo consent for the child, and the child's own from 7.
    struct ConsentCard: Encodable {
        let family: Bool
        let child: Bool
        let childMustConsent: Bool
        let action: String
    }

    /// One released checkpoint of the child's assessment book.
    struct ResultsCard: Encodable {
        let heading: String
        let subjects: [ResultLine]
        let competences: [ResultLine]
        let comment: String

        init(_ results: ReleasedResults) {
            heading = "\(results.checkpoint.label) · lớp \(results.className)"
            subjects = results.subjects.map {
                ResultLine(name: $0.name, level: $0.level ?? "", score: $0.score.map(String.init) ?? "", comment: $0.comment)
            }
            competences = results.competences.map { ResultLine(name: $0.name, level: $0.level ?? "", score: "", comment: "") }
            comment = results.comment
        }
    }

    struct ResultLine: Encodable {
        let name: String
        let level: String
        let score: String
        let comment: String
    }
}
