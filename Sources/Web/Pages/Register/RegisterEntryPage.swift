import Admissions
import Foundation
import Records
import Vapor

extension RegisterPages {
    struct EntryPage: Encodable {
        let layout: Layout
        let number: String
        let name: String
        let lines: [Line]
        let corrections: [CorrectionRow]
        let canRequest: Bool
        let action: String
        let version: Int
        let form: FormState
        /// The pupil's handover bundle (every signed học bạ), for the register's keepers.
        let handover: String?
    }

    struct Line: Encodable {
        let label: String
        let value: String
    }

    struct CorrectionRow: Encodable {
        let id: String
        let approvePath: String
        let rejectPath: String
        let number: String
        let status: String
        let reason: String
        let changes: [String]
        let requestedBy: String
        let requestedAt: String
        let pending: Bool
    }
}
