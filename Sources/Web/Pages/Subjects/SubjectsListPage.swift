import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `SubjectsController`: plain values that templates read, built without a request.
enum SubjectsPages {}

extension SubjectsPages {
    struct ListPage: Encodable {
        let layout: Layout
        let grade: Int
        let newPath: String
        let grades: [SelectOption]
        let subjects: [SubjectRow]
        let canManage: Bool
    }

    struct SubjectRow: Encodable {
        let code: String
        let name: String
        let kind: String
        let status: String
        let scored: Bool
        let periods: Int
        let active: Bool
        let editPath: String
    }
}
