import Admissions
import Foundation
import Records
import Vapor

extension SubjectsPages {
    struct Form: Content {
        var grade: String?
        var code: String?
        var name: String?
        var kind: String?
        var status: String?
        var isScored: String?
        var periodsPerYear: String?
        var isActive: String?
    }
}
