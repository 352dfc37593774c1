import Admissions
import Foundation
import Records
import Vapor

extension DrawPages {
    struct AnnounceForm: Content {
        var publicValue: String?
        var membersPresent: String?
        var reason: String?
    }
}
