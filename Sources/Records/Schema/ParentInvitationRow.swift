import FluentKit
import Foundation
import SQLKit

/// An invitation for a guardian to open a parent account; only the SHA‑256 of its code is kept.
final class ParentInvitationRow: Model, @unchecked Sendable {
    static let schema = "parent_invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "guardian_id") var guardianID: UUID
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_by_name") var createdByName: String
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "expires_at") var expiresAt: Double
    @OptionalField(key: "used_at") var usedAt: Double?
    @OptionalField(key: "revoked_at") var revokedAt: Double?

    init() {}

    func isOpen(at now: Date) -> Bool { usedAt == nil && revokedAt == nil && expiresAt > now.timeIntervalSince1970 }
}
