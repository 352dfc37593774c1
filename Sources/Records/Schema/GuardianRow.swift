import FluentKit
import Foundation

final class GuardianRow: Model, NameColumns, @unchecked Sendable {
    static let schema = "guardians"

    @ID(key: .id) var id: UUID?
    @Field(key: "family_name") var familyName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_last") var familyLast: Bool
    @Field(key: "search_key") var searchKey: String
    @Field(key: "phone") var phone: String
    /// Phone digits and folded name; unique, `nil` without a phone.
    @OptionalField(key: "match_key") var matchKey: String?
    @Field(key: "email") var email: String
    @OptionalField(key: "personal_id") var personalID: String?
    @Field(key: "created_at") var createdAt: String

    init() {}

    var value: Guardian {
        Guardian(id: GuardianID(id!), name: name, phone: phone, email: email, personalID: personalID ?? "")
    }
}
