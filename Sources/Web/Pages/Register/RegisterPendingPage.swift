import Admissions
import Foundation
import Records
import Vapor

extension RegisterPages {
    struct PendingPage: Encodable {
        let layout: Layout
        let corrections: [CorrectionRow]
        let canApprove: Bool
    }
}
