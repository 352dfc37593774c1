import Admissions
import Foundation
import Records
import Vapor

extension ClassesPages {
    struct FormPage: Encodable {
        let layout: Layout
        let heading: String
        let action: String
        let form: FormState
        let grades: [SelectOption]
        let teachers: [SelectOption]
    }
}
