import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `ListsController`: plain values that templates read, built without a request.
enum ListsPages {}

extension ListsPages {
    struct ImportPage: Encodable {
        let layout: Layout
        let campaignTitle: String
        let action: String
        let kindergartens: [SelectOption]
        let form: FormState
        let preview: PreviewModel?
        /// Values of the "add one child" form when it comes back with problems.
        var childValues: [String: String] = [:]
        let childAction: String
    }
}
