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
    }

    struct Row: Encodable {
        let applicationID: String
        let number: String
        let name: String
        let gender: String
        let kindergarten: String
        let classes: [SelectOption]
    }
}
