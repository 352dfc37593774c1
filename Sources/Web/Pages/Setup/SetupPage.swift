import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `SetupController`: plain values that templates read, built without a request.
enum SetupPages {}

extension SetupPages {
    struct Page: Encodable {
        let layout: Layout
        let form: FormState
    }
}
