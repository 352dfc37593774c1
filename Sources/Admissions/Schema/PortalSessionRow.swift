import FluentKit
import Foundation

final class PortalSessionRow: Model, @unchecked Sendable {
    static let schema = "portal_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "code") var code: String
    @Field(key: "expires_at") var expiresAt: Double

    init() {}
}
