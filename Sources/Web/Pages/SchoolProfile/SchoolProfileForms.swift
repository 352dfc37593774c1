import Admissions
import Foundation
import Records
import Vapor

extension SchoolProfilePages {
    struct Form: Content {
        var name: String?
        var code: String?
        var provinceCode: String?
        var wardCode: String?
        var addressLine: String?
        var phone: String?
        var email: String?
        var principalName: String?
    }
}
