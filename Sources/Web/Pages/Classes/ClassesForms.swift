import Admissions
import Foundation
import Records
import Vapor

extension ClassesPages {
    struct Form: Content {
        var name: String?
        var grade: String?
        var homeroomTeacherID: String?
        var room: String?
        var capacity: String?
        var isMultiGrade: String?
        var version: String?
        var year: String?
    }
}
