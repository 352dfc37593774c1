import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `AuditController`: plain values that templates read, built without a request.
enum AuditPages {}

extension AuditPages {
    struct Page: Encodable {
        let layout: Layout
        let entries: [EntryRow]
        let actors: [SelectOption]
        let entities: [SelectOption]
        let form: FormState
        let csvPath: String
        let xlsxPath: String
        /// The next (older) page, when there is one; the first page, when this is not it.
        let nextPath: String?
        let firstPath: String?
    }

    struct EntryRow: Encodable {
        let seq: Int
        let at: String
        let actor: String
        let role: String
        let summary: String
        let entity: String
        let address: String
        let before: String?
        let after: String?
    }
}
