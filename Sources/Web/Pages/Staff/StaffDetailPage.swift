import Admissions
import Foundation
import Records
import Vapor

extension StaffPages {
    struct DetailPage: Encodable {
        let layout: Layout
        let id: String
        let username: String
        let name: String
        let email: String
        let phone: String
        let disabled: Bool
        let secondFactor: Bool
        let mustChangePassword: Bool
        let held: [HeldRole]
        let grantable: [RoleChoice]
        let form: FormState
        let paths: [String: String]
    }

    struct HeldRole: Encodable {
        let value: String
        let label: String
        let until: String?
    }
}
