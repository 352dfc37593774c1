import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `ClassesController`: plain values that templates read, built without a request.
enum ClassesPages {}

extension ClassesPages {
    struct ListPage: Encodable {
        let layout: Layout
        let yearName: String
        let years: [SelectOption]
        let newPath: String
        let classes: [ClassRow]
        let canManage: Bool
    }

    struct ClassRow: Encodable {
        let name: String
        let grade: Int
        let teacher: String
        let room: String
        let capacity: Int
        let multiGrade: Bool
        let editPath: String
        /// The roster, only where the caller may open it (a subject teacher sees the other classes without links).
        let rosterPath: String?
        let rosterPDFPath: String
    }
}
