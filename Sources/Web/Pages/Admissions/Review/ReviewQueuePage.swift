import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `ReviewController`: plain values that templates read, built without a request.
enum ReviewPages {}

extension ReviewPages {
    struct QueuePage: Encodable {
        let layout: Layout
        let campaignTitle: String
        let action: String
        let rows: [QueueRow]
        let xlsxPath: String
        let nextPath: String?
        let firstPath: String?
        let statuses: [SelectOption]
        let units: [SelectOption]
        let groups: [SelectOption]
        let form: FormState
    }

    struct QueueRow: Encodable {
        let number: String
        let childName: String
        let status: String
        let claims: String
        let verifiedGroup: String
        let documents: Int
        let atDesk: Bool
        let href: String
    }
}
