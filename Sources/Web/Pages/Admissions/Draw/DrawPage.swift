import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `DrawController`: plain values that templates read, built without a request.
enum DrawPages {}

extension DrawPages {
    struct Page: Encodable {
        let layout: Layout
        let campaignTitle: String
        let campaignID: String
        let announced: Bool
        let publicValue: String
        let seed: String
        let drawn: Bool
        let published: Bool
        let lotteryUsed: Bool
        let overflow: Int
        let admitted: [PlacementRow]
        let waitlist: [PlacementRow]
        /// The council's accounts, for ticking who is present (the chair's page only).
        let council: [Member]
        let differences: [String]
        let canApprove: Bool
        /// Whether the council's review is still open, and until when.
        let reviewOpen: Bool
        let reviewUntil: String
        let paths: [String: String]
        let form: FormState
    }

    struct Member: Encodable {
        let name: String
        let ticked: Bool
    }

    struct PlacementRow: Encodable {
        let position: Int
        let number: String
        /// The child's name, on the council's page only.
        let child: String
        let group: String
        let rank: String
    }
}
