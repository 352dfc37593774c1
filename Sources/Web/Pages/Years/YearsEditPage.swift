import Admissions
import Foundation
import Records
import Vapor

extension YearsPages {
    struct EditPage: Encodable {
        let layout: Layout
        let name: String
        let action: String
        let canManage: Bool
        let form: FormState
    }
}
