import Admissions
import Foundation
import Records
import Vapor

extension CampaignsPages {
    struct FormPage: Encodable {
        let layout: Layout
        let heading: String
        let action: String
        let isEdit: Bool
        let form: FormState
        /// The priority groups and required documents as editable rows.
        let groups: [CampaignFormRow]
        let documents: [CampaignFormRow]
    }
}
