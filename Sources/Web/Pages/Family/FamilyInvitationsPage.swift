import Admissions
import Foundation
import Records
import Vapor

extension FamilyPages {
    struct InvitationsPage: Encodable {
        let layout: Layout
        let rows: [InvitationRow]
        let activationURL: String
    }

    struct InvitationRow: Encodable {
        let name: String
        let phone: String
        let email: String
        let code: String
        let expires: String
    }
}
