import FluentKit

/// Uploaded pupil lists kept between the preview and the import, and the column meanings a user chose for headers
/// the importer did not know, remembered for the next file.
struct M0012_CreatePupilImports: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pupil_import_batches")
            .id()
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("filename", .string, .required)
            .field("sha256", .string, .required)
            .field("content", .string, .required)
            .field("choices_json", .string, .required)
            .field("created_by_id", .uuid)
            .field("created_at", .string, .required)
            .field("imported_at", .string)
            .create()
        try await database.schema("import_column_choices")
            .field("header_key", .string, .identifier(auto: false))
            .field("column_name", .string, .required)
            .field("updated_at", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_column_choices").delete()
        try await database.schema("pupil_import_batches").delete()
    }
}
