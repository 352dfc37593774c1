import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `ResultsController`: plain values that templates read, built without a request.
enum ResultsPages {}

extension ResultsPages {
    typealias Line = ResultsReport.Line
    typealias Child = ResultsReport.Child
    struct Page: Encodable {
        let layout: Layout
        let campaignTitle: String
        let byGroup: [Line]
        let byUnit: [Line]
        let total: Line
        let children: [Child]
        let csvPath: String
        let xlsxPath: String
    }
}
