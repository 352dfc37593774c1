import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `OutboxController`: plain values that templates read, built without a request.
enum OutboxPages {}

extension OutboxPages {
    struct Page: Encodable {
        let layout: Layout
        let rows: [Row]
    }

    struct Row: Encodable {
        let at: String
        let channel: String
        let recipient: String
        let subject: String
        let body: String
        let sent: Bool
    }
}
