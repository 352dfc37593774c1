import FluentKit
import Foundation

final class SigningKeyRow: Model, @unchecked Sendable {
    static let schema = "signing_keys"

    @ID(key: .id) var id: UUID?
    /// "authority" (the trial CA) or "seal" (the school's seal).
    @Field(key: "kind") var kind: String
    @Field(key: "common_name") var commonName: String
    @Field(key: "certificate_pem") var certificatePEM: String
    /// The PKCS#12 and its passphrase, sealed with the key file (AES-GCM), base64.
    @Field(key: "sealed") var sealed: String
    @Field(key: "created_at") var createdAt: String
    @Field(key: "created_by") var createdBy: String
    @OptionalField(key: "retired_at") var retiredAt: String?

    init() {}
}

final class AuditAnchorRow: Model, @unchecked Sendable {
    static let schema = "audit_anchors"

    @ID(key: .id) var id: UUID?
    @Field(key: "seq") var seq: Int
    @Field(key: "hash") var hash: String
    @Field(key: "signed_at") var signedAt: String
    @Field(key: "statement") var statement: String
    /// The seal's detached CMS signature over the statement, base64.
    @Field(key: "signature") var signature: String
    @Field(key: "signer") var signer: String

    init() {}
}

final class YearArchiveRow: Model, @unchecked Sendable {
    static let schema = "year_archives"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "closed_at") var closedAt: String
    @Field(key: "closed_by") var closedBy: String
    @OptionalField(key: "archived_at") var archivedAt: String?
    @OptionalField(key: "archived_by") var archivedBy: String?
    @OptionalField(key: "folder") var folder: String?
    @OptionalField(key: "manifest_sha256") var manifestSHA256: String?

    init() {}
}

final class SignedDocumentRow: Model, @unchecked Sendable {
    static let schema = "signed_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_key") var subjectKey: String
    /// The signers' names in order, "; " between.
    @Field(key: "signers") var signers: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}
