import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `StaffController`: plain values that templates read, built without a request.
enum StaffPages {}

extension StaffPages {
    struct ListPage: Encodable {
        let layout: Layout
        let staff: [StaffRow]
        let requireSecondFactor: Bool
        let canSetPolicy: Bool
    }

    struct StaffRow: Encodable {
        let href: String
        let username: String
        let name: String
        let roles: String
        let disabled: Bool
        let awaitingPassword: Bool
        let secondFactor: Bool
    }
}
