import Admissions
import Foundation
import Records
import Vapor

extension AuditPages {
    struct Query: Content {
        var actor: String?
        var entity: String?
        var from: String?
        var to: String?
        var q: String?
        /// The sequence number the previous page ended at.
        var before: Int?
    }
}
