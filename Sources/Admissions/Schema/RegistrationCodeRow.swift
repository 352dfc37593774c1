import FluentKit
import Foundation
import Records

final class RegistrationCodeRow: Model, @unchecked Sendable {
    static let schema = "registration_codes"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "child_id") var childID: UUID
    @Field(key: "status") var status: String
    @Field(key: "issued_at") var issuedAt: String
    @OptionalField(key: "revoked_at") var revokedAt: String?
    @Field(key: "note") var note: String
    @Field(key: "locked_until") var lockedUntil: Double

    init() {}
}
