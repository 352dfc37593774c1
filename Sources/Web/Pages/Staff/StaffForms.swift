import Admissions
import Foundation
import Records
import Vapor

extension StaffPages {
    struct NewForm: Content {
        var username: String?
        var family: String?
        var middle: String?
        var given: String?
        var familyLast: String?
        var email: String?
        var phone: String?
        var password: String?
        var roles: [String]?
        var inspectorUntil: String?
    }

    struct RoleForm: Content {
        var role: String?
        var inspectorUntil: String?
    }

    struct ResetForm: Content {
        var password: String?
    }

    struct PolicyForm: Content {
        var required: String?
    }
}
