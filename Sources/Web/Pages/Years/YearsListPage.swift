import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `YearsController`: plain values that templates read, built without a request.
enum YearsPages {}

extension YearsPages {
    struct ListPage: Encodable {
        let layout: Layout
        let years: [YearRow]
        let canManage: Bool
        let form: FormState
    }

    struct YearRow: Encodable {
        let name: String
        let starts: String
        let ends: String
        let isCurrent: Bool
        let editPath: String
        let makeCurrentPath: String
        let registerBookPath: String
        let registerBookXLSXPath: String
        let archivePath: String
    }
}
