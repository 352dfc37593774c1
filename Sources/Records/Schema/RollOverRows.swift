import FluentKit
import Foundation

final class RepeatMarkRow: Model, @unchecked Sendable {
    static let schema = "repeat_marks"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "marked_by_name") var markedByName: String
    @Field(key: "created_at") var createdAt: String

    init() {}
}

final class RollOverRow: Model, @unchecked Sendable {
    static let schema = "rollovers"

    @ID(key: .id) var id: UUID?
    @Field(key: "from_year_id") var fromYearID: UUID
    @Field(key: "to_year_id") var toYearID: UUID
    @Field(key: "promoted") var promoted: Int
    @Field(key: "repeating") var repeating: Int
    @Field(key: "completed") var completed: Int
    @Field(key: "applied_by_name") var appliedByName: String
    @Field(key: "applied_at") var appliedAt: String
    @OptionalField(key: "undone_by_name") var undoneByName: String?
    @OptionalField(key: "undone_at") var undoneAt: String?

    init() {}
}
