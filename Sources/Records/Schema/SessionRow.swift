import FluentKit
import Foundation

final class SessionRow: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "stage") var stage: String
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "last_seen_at") var lastSeenAt: Double
    @Field(key: "expires_at") var expiresAt: Double
    @Field(key: "address") var address: String
    @Field(key: "user_agent") var userAgent: String
    @OptionalField(key: "ended_at") var endedAt: Double?

    init() {}
}
