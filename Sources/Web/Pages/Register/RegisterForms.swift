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
        var sex: String?
        var personalID: String?
        var hometown: String?
        var fatherName: String?
        var motherName: String?
        var guardianName: String?
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
