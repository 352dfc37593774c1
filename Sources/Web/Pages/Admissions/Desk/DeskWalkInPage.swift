import Admissions
import Foundation
import Records
import Vapor

extension DeskPages {
    struct WalkInPage: Encodable {
        let layout: Layout
        let form: FormState
    }
}
