import FluentKit
import Foundation

final class PupilImportBatchRow: Model, @unchecked Sendable {
    static let schema = "pupil_import_batches"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "filename") var filename: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "content") var content: String
    @Field(key: "choices_json") var choicesJSON: String
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @Field(key: "created_at") var createdAt: String
    @OptionalField(key: "imported_at") var importedAt: String?

    init() {}
}

final class ImportColumnChoiceRow: Model, @unchecked Sendable {
    static let schema = "import_column_choices"

    @ID(custom: "header_key", generatedBy: .user) var id: String?
    @Field(key: "column_name") var columnName: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}
