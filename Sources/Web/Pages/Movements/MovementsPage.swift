import Foundation
import Records
import Vapor

/// The page of a pupil's movements: the history, and the forms to change class, leave and come back.
enum MovementsPages {
    struct Page: Encodable {
        let layout: Layout
        let name: String
        let standing: String
        let history: [String]
        let attending: Bool
        let droppedOut: Bool
        let canMove: Bool
        let canTransfer: Bool
        let classes: [SelectOption]
        let kinds: [SelectOption]
        let form: FormState
        let classPath: String
        let leavePath: String
        let returnPath: String
        let entryPath: String
        /// The transfer letter (PDF) once a transfer out is recorded, for those who read the register; else "".
        let letterPath: String
    }

    struct Form: Content {
        var classID: String?
        var kind: String?
        var date: String?
        var otherSchool: String?
        var reason: String?

        var values: [String: String] {
            [
                "classID": classID ?? "", "kind": kind ?? "", "date": date ?? "", "otherSchool": otherSchool ?? "",
                "reason": reason ?? "",
            ]
        }
    }
}
