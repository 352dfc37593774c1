import Admissions
import Foundation
import Records
import Vapor

extension ResultsPages {
    struct CorrectForm: Content {
        var outcome: String?
        var position: String?
        var reason: String?
    }
}
