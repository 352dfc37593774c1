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
    }
}
