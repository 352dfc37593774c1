import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `OwnAccountController`: plain values that templates read, built without a request.
enum OwnAccountPages {}

extension OwnAccountPages {
    struct Page: Encodable {
        let layout: Layout
        let username: String
        let name: String
        let roles: [String]
        let mustChangePassword: Bool
        let secondFactorEnabled: Bool
        let sessions: [SessionRow]
        let form: FormState
    }

    struct SessionRow: Encodable {
        let endPath: String
        let createdAt: String
        let lastSeenAt: String
        let address: String
        let device: String
        let isCurrent: Bool
    }
}
