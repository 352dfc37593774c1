import FluentKit
import Foundation

final class AccountRow: Model, NameColumns, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "family_name") var familyName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_last") var familyLast: Bool
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "search_key") var searchKey: String
    @Field(key: "email") var email: String
    @Field(key: "phone") var phone: String
    @Field(key: "kind") var kind: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "is_disabled") var isDisabled: Bool
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @OptionalField(key: "totp_pending_secret") var totpPendingSecret: String?
    @Field(key: "totp_last_step") var totpLastStep: Int
    @Field(key: "created_at") var createdAt: String

    init() {}

    /// The password hash of an account that has no password yet (imported staff): no password matches it.
    static let noPassword = "!"

    /// A new, enabled account (staff unless `kind` says otherwise) without a second factor.
    init(
        staff username: String, name: PersonName, email: String = "", phone: String = "", passwordHash: String, at now: Date,
        kind: Account.Kind = .staff
    ) {
        self.id = UUID()
        self.username = username
        self.email = email
        self.phone = phone
        self.kind = kind.rawValue
        self.passwordHash = passwordHash
        self.mustChangePassword = false
        self.isDisabled = false
        self.totpLastStep = 0
        self.createdAt = Timestamps.storage(now)
        self.name = name
    }

    func storeSortKey(_ key: String) { sortKey = key }
}
