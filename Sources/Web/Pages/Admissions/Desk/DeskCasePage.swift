import Admissions
import Foundation
import Records
import Vapor

extension DeskPages {
    struct CasePage: Encodable {
        let layout: Layout
        let hit: HitRow
        let number: String?
        let enteredBy: String
        let messages: [MessageRow]
        /// The application as the family submitted it, to read without opening the edit form; empty before one.
        let application: [PortalPages.Line]
        let paths: [String: String]
        let form: FormState
    }

    struct MessageRow: Encodable {
        let fromParent: Bool
        let author: String
        let body: String
        let at: String
    }
}

extension DeskPages.MessageRow {
    /// One message of an application's thread, for the desk and for the family's receipt page.
    init(_ message: ApplicationMessage) {
        self.init(
            fromParent: message.from == .parent, author: message.author, body: message.body, at: Timestamps.display(message.at))
    }
}
