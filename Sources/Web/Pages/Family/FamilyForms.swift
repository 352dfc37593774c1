import Admissions
import Foundation
import Records
import Vapor

extension FamilyPages {
    struct ActivateForm: Content {
        var code: String?
        var contact: String?
        var username: String?
        var password: String?
        var passwordConfirmation: String?
    }
}
