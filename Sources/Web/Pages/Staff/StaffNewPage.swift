import Admissions
import Foundation
import Records
import Vapor

extension StaffPages {
    struct NewPage: Encodable {
        let layout: Layout
        let form: FormState
        let roles: [RoleChoice]
    }

    struct RoleChoice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }
}
