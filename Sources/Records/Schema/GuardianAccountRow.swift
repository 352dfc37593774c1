import FluentKit
import Foundation
import SQLKit

/// Links a parent account to the guardian record it belongs to; one account per guardian, one guardian per account.
final class GuardianAccountRow: Model, @unchecked Sendable {
    static let schema = "guardian_accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "guardian_id") var guardianID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "created_at") var createdAt: String

    init() {}
}
