import FluentKit

/// The school's signing keys kept by hoso — its trial certificate authority and its seal — each a PKCS#12 sealed
/// with the key file that lies outside the database (never in clear, never hard-deleted: a replaced key is retired),
/// and the signed heads of the audit chain (anchors) made with the seal.
struct M0026_CreateSchoolKeys: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("signing_keys")
            .id()
            .field("kind", .string, .required)
            .field("common_name", .string, .required)
            .field("certificate_pem", .string, .required)
            .field("sealed", .string, .required)
            .field("created_at", .string, .required)
            .field("created_by", .string, .required)
            .field("retired_at", .string)
            .create()
        try await database.schema("audit_anchors")
            .id()
            .field("seq", .int, .required)
            .field("hash", .string, .required)
            .field("signed_at", .string, .required)
            .field("statement", .string, .required)
            .field("signature", .string, .required)
            .field("signer", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_anchors").delete()
        try await database.schema("signing_keys").delete()
    }
}
