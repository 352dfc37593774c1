import Admissions
import Foundation
import Records
import Vapor

extension OwnAccountPages {
    struct PasswordForm: Content {
        var current: String?
        var password: String?
        var passwordConfirmation: String?
    }
}
