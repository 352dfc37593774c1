import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `SchoolProfileController`: plain values that templates read, built without a request.
enum SchoolProfilePages {}

extension SchoolProfilePages {
    struct Page: Encodable {
        let layout: Layout
        let canEdit: Bool
        let form: FormState
        let provinces: [SelectOption]
        let wards: [SelectOption]
        let provinceName: String
        let wardName: String
    }
}
