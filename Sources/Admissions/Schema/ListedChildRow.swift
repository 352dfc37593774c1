import FluentKit
import Foundation
import Records

final class ListedChildRow: Model, NameColumns, @unchecked Sendable {
    static let schema = "listed_children"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @OptionalField(key: "kindergarten_id") var kindergartenID: UUID?
    @Field(key: "family_name") var familyName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_last") var familyLast: Bool
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "search_key") var searchKey: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "gender") var gender: String
    @Field(key: "personal_id") var personalID: String
    @Field(key: "parent_name") var parentName: String
    @Field(key: "parent_phone") var parentPhone: String
    @Field(key: "address") var address: String
    @Field(key: "older_reason") var olderReason: String
    @Field(key: "source") var source: String
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "created_at") var createdAt: String

    init() {}

    func storeSortKey(_ key: String) { sortKey = key }
}

extension ListedChildRow {
    /// The child as the list gives it.
    func entry() -> ChildEntry {
        StoredChild(
            familyName: familyName, middleName: middleName, givenName: givenName, familyLast: familyLast,
            birthDate: birthDate, gender: gender, personalID: personalID, parentName: parentName, parentPhone: parentPhone,
            address: address, olderReason: olderReason
        ).entry
    }
}
