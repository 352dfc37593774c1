import Admissions
import Foundation
import Records
import Vapor

extension SecondFactorPages {
    struct CodeForm: Content {
        var code: String?
    }

    struct PasswordForm: Content {
        var password: String?
    }
}
