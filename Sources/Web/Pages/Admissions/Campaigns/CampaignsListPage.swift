import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `CampaignsController`: plain values that templates read, built without a request.
enum CampaignsPages {}

extension CampaignsPages {
    struct ListPage: Encodable {
        let layout: Layout
        let campaigns: [CampaignRow]
        let canManage: Bool
    }

    struct CampaignRow: Encodable {
        let title: String
        let href: String
        let isTrial: Bool
        let applyWindow: String
        let places: Int
    }
}
