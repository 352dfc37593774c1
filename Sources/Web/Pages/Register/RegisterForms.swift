import Admissions
import Foundation
import Records
import Vapor

extension RegisterPages {
    struct RequestForm: Content {
        var family: String?
        var middle: String?
        var given: String?
        var birthDate: String?
        var placeOfBirth: String?
        var address: String?
        var ethnicity: String?
        var notes: String?
        var reason: String?
        var version: String?
    }

    struct DecisionForm: Content {
        var note: String?
    }
}
