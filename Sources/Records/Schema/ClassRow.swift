import FluentKit
import Foundation

final class ClassRow: Model, @unchecked Sendable {
    static let schema = "classes"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "name") var name: String
    @Field(key: "grade") var grade: Int
    @OptionalField(key: "homeroom_account_id") var homeroomAccountID: UUID?
    @Field(key: "room") var room: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "is_multi_grade") var isMultiGrade: Bool
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "version") var version: Int

    init() {}
}

extension ClassRow {
    /// Classes sort by grade, then by name in Vietnamese letter order (digits only, as every name key).
    static func sortKey(grade: Int, name: String) -> String {
        String(format: "%02d", grade) + VietnameseText.collationKey(name)
    }
}
