import FluentKit
import Records
import SQLKit

struct M0004_CreateImportBatches: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("import_batches")
            .id()
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("kindergarten_id", .uuid, .required, .references("kindergartens", "id"))
            .field("filename", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .string, .required)
            .field("imported_at", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_batches").delete()
    }
}
