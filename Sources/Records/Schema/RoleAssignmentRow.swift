import FluentKit
import Foundation

final class RoleAssignmentRow: Model, @unchecked Sendable {
    static let schema = "role_assignments"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "role") var role: String
    @OptionalField(key: "valid_until") var validUntil: String?
    @Field(key: "granted_at") var grantedAt: String
    @OptionalField(key: "revoked_at") var revokedAt: String?

    init() {}
}
