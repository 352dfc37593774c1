import Admissions
import Foundation
import Records
import Vapor

extension SetupPages {
    struct Form: Content {
        var schoolName: String?
        var family: String?
        var middle: String?
        var given: String?
        var username: String?
        var password: String?
        var passwordConfirmation: String?
    }
}
