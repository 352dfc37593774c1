import Admissions
import Foundation
import Records
import Vapor

extension FamilyPages {
    struct ActivatePage: Encodable {
        let layout: Layout
        let form: FormState
        let action: String
    }
}
