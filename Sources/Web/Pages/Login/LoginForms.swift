import Admissions
import Foundation
import Records
import Vapor

extension LoginPages {
    struct Form: Content {
        var username: String?
        var password: String?
    }

    struct CodeForm: Content {
        var code: String?
    }
}
