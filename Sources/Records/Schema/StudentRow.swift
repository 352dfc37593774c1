import FluentKit
import Foundation

final class StudentRow: Model, NameColumns, @unchecked Sendable {
    static let schema = "students"

    @ID(key: .id) var id: UUID?
    @Field(key: "family_name") var familyName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_last") var familyLast: Bool
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "search_key") var searchKey: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "sex") var sex: String
    /// `nil` rather than empty, so that the unique index lets many pupils be without one.
    @OptionalField(key: "personal_id") var personalID: String?
    @Field(key: "ethnicity") var ethnicity: String
    @Field(key: "place_of_birth") var placeOfBirth: String
    @Field(key: "hometown") var hometown: String
    @Field(key: "address") var address: String
    @Field(key: "created_at") var createdAt: String

    init() {}

    func storeSortKey(_ key: String) { sortKey = key }
}
