import Admissions
import Foundation
import Records
import Vapor

extension CampaignsPages {
    struct KindergartenForm: Content {
        var name: String?
        var address: String?
        var contact: String?
    }
}
