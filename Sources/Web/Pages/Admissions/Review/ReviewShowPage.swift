import Admissions
import Foundation
import Records
import Vapor

extension ReviewPages {
    struct ShowPage: Encodable {
        let layout: Layout
        let number: String
        let status: String
        let version: Int
        let lines: [Line]
        let documents: [DocumentRow]
        let checks: [CheckRow]
        let states: [SelectOption]
        let groups: [SelectOption]
        let reviewedBy: String
        let action: String
        let correctAction: String
        /// The chair's correction of a published result (only the chair, only once results are published).
        let canCorrect: Bool
        /// Whether the reader may record a decision (the council), or only read (the inspector).
        let canDecide: Bool
        /// The next application waiting for the council, if any.
        let nextHref: String?
        let form: FormState
    }

    struct DocumentRow: Encodable {
        let kind: String
        let filename: String
        let href: String
        let isImage: Bool
    }

    struct CheckRow: Encodable {
        let code: String
        let name: String
        let mandatory: Bool
        let state: String
        /// The state in words, for the read-only view.
        let stateLabel: String
        let note: String
    }

    struct Line: Encodable {
        let label: String
        let value: String
    }
}
