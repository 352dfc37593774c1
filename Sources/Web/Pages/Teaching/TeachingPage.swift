import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `TeachingController`: plain values that templates read, built without a request.
enum TeachingPages {}

extension TeachingPages {
    struct Page: Encodable {
        let layout: Layout
        let rows: [Row]
        let canManage: Bool
        let form: FormState
        let teachers: [SelectOption]
        let subjects: [SelectOption]
        let classes: [ClassChoice]
    }

    struct Row: Encodable {
        let className: String
        let subjectName: String
        let teacherName: String
        let removePath: String
    }

    struct ClassChoice: Encodable {
        let id: String
        let name: String
        let checked: Bool
    }
}
