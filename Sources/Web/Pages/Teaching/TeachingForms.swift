import Admissions
import Foundation
import Records
import Vapor

extension TeachingPages {
    struct Form: Content {
        var teacherID: String?
        var subjectID: String?
        var classIDs: [String]?
    }
}
