import Admissions
import Foundation
import Records
import Vapor

extension RegisterPages {
    struct PendingPage: Encodable {
        let layout: Layout
        let corrections: [CorrectionRow]
        let canApprove: Bool
        /// The import of existing pupils, for those who write the register.
        let importPath: String?
        let transferInPath: String?
    }
}
