import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `LoginController`: plain values that templates read, built without a request.
enum LoginPages {}

extension LoginPages {
    struct Page: Encodable {
        let layout: Layout
        let form: FormState
        let message: String?
    }
}
