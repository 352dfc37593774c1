import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `HomeController`: plain values that templates read, built without a request.
enum HomePages {}

extension HomePages {
    struct Page: Encodable {
        let layout: Layout
        let name: String
        let roles: [String]
        let homeroomClasses: [String]
        /// The classes and subjects the person teaches, each leading to its assessment grid.
        let teaching: [Link]
        let mustChangePassword: Bool
        let secondFactorEnabled: Bool
        let classCount: Int?
        /// What waits for this person, role by role.
        let work: [Work]
        /// The school set-up pages, for those who keep them.
        let setup: [Link]
    }
}
