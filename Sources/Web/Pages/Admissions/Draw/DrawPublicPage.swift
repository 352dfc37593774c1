import Admissions
import Foundation
import Records
import Vapor

extension DrawPages {
    struct PublicPage: Encodable {
        let layout: Layout
        let campaignTitle: String
        let published: Bool
        let publicValue: String
        let campaignID: String
        let seed: String
        let admitted: [PlacementRow]
        let waitlist: [PlacementRow]
        let example: String
        /// How the places are given, in plain words first: the places, and each group in order with whether it is
        /// guaranteed.
        let places: Int
        let groups: [GroupRow]
    }

    struct GroupRow: Encodable {
        let code: String
        let name: String
        let guaranteed: Bool
    }
}
