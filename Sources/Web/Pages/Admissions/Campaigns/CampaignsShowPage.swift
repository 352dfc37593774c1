import Admissions
import Foundation
import Records
import Vapor

extension CampaignsPages {
    struct ShowPage: Encodable {
        let layout: Layout
        let campaign: Campaign
        let windows: [WindowRow]
        let isOpen: Bool
        let kindergartens: [KindergartenRow]
        let handovers: [HandoverRow]
        let userName: String
        let childCount: Int
        let paths: [String: String]
        let canManage: Bool
        let canLists: Bool
        let form: FormState
    }

    struct WindowRow: Encodable {
        let label: String
        let at: String
    }

    struct KindergartenRow: Encodable {
        let name: String
        let childCount: Int
        let slipsPath: String
        let handoverPath: String
        let id: String
    }

    struct HandoverRow: Encodable {
        let kindergarten: String
        let slipCount: Int
        let handedBy: String
        let receivedBy: String
        let at: String
        let pdfPath: String
    }
}
