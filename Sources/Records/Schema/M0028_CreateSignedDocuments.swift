import FluentKit

/// Other signed documents than học bạ — the summary tables of a class at a checkpoint, signed by its subject
/// teachers and its homeroom teacher — each by a key naming what it is ("summary|<class>|<checkpoint>"), its file
/// (under the uploads folder's documents, which the backups take), its signers in order and its SHA-256.
struct M0028_CreateSignedDocuments: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("signed_documents")
            .id()
            .field("subject_key", .string, .required)
            .field("signers", .string, .required)
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "subject_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("signed_documents").delete()
    }
}
