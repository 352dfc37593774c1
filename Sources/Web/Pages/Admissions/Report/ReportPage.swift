import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `ReportController`: plain values that templates read, built without a request.
enum ReportPages {}

extension ReportPages {
    typealias Line = AdmissionsReport.Line
    struct Page: Encodable {
        let layout: Layout
        let campaignTitle: String
        let campaignPath: String
        let byKindergarten: [Line]
        let byCatchment: [Line]
        let total: Line
        let csvPath: String
        let xlsxPath: String
    }
}
