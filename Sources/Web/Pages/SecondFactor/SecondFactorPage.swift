import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `SecondFactorController`: plain values that templates read, built without a request.
enum SecondFactorPages {}

extension SecondFactorPages {
    struct Page: Encodable {
        let layout: Layout
        let enabled: Bool
        let required: Bool
        let secret: String?
        let qrPath: String
        let recoveryCodes: [String]
        let form: FormState
    }
}
