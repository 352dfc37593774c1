import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `PrintoutsController`: plain values that templates read, built without a request.
enum PrintoutsPages {}

extension PrintoutsPages {
    struct HandoverForm: Content {
        var handedBy: String?
        var receivedBy: String?
    }
}
