import FluentKit
import Foundation
import Records

final class ImportBatchRow: Model, @unchecked Sendable {
    static let schema = "import_batches"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "kindergarten_id") var kindergartenID: UUID
    @Field(key: "filename") var filename: String
    @Field(key: "content") var content: String
    @Field(key: "created_at") var createdAt: String
    @OptionalField(key: "imported_at") var importedAt: String?

    init() {}
}
