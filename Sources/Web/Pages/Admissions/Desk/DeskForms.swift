import Admissions
import Foundation
import Records
import Vapor

extension DeskPages {
    struct ReplyForm: Content {
        var body: String?
    }

    struct WalkInForm: Content {
        var family: String?
        var middle: String?
        var given: String?
        var birthDate: String?
        var gender: String?
        var parentName: String?
        var parentPhone: String?
        var olderReason: String?
        var walkInReason: String?
    }
}
