import Admissions
import Foundation
import Records
import Vapor

extension SubjectsPages {
    struct FormPage: Encodable {
        let layout: Layout
        let heading: String
        let action: String
        let isNew: Bool
        let form: FormState
        let grades: [SelectOption]
        let kinds: [SelectOption]
        let statuses: [SelectOption]
    }
}
