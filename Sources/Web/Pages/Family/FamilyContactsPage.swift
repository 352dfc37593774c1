import Admissions
import Foundation
import Records
import Vapor

extension FamilyPages {
    struct ContactsPage: Encodable {
        let layout: Layout
        let rows: [ContactRow]
        let canInvite: Bool
    }

    struct ContactRow: Encodable {
        let name: String
        let phone: String
        let email: String
        let children: [String]
        let username: String
        let invitedUntil: String
        let inviteAction: String
    }
}
