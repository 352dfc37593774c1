import FluentKit

/// Documents hoso issued with a verification code printed on them (QR and short code): what kind, which school,
/// when, the SHA-256 of the file as issued last and its signers, and whether a newer issue replaced it. The public
/// verification page reads it; it holds no pupil data.
struct M0025_CreateIssuedDocuments: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("issued_documents")
            .id()
            .field("code", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("school", .string, .required)
            .field("subject_key", .string, .required)
            .field("issued_at", .string, .required)
            .field("sha256", .string, .required)
            .field("signers", .string, .required)
            .field("superseded_at", .string)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("issued_documents").delete()
    }
}
