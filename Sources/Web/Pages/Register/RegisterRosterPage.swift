import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `RegisterController`: plain values that templates read, built without a request.
enum RegisterPages {}

extension RegisterPages {

    struct RosterPage: Encodable {
        let layout: Layout
        let className: String
        let yearName: String
        let teacher: String
        let rows: [RosterRow]
        let pdfPath: String
        let xlsxPath: String
        let counts: ClassRoster.Counts
        let attendancePath: String
        let assessmentPath: String
        let resultsPath: String
        /// The repeaters page, for the class's homeroom teacher and the admin board while the year is current; else "".
        let promotionPath: String
    }

    struct RosterRow: Encodable {
        let position: Int
        let name: String
        let birthDate: String
        let sex: String
        let number: String
        let href: String
        let note: String
        let movementsPath: String
    }
}
