import FluentKit
import Foundation

final class TeachingAssignmentRow: Model, @unchecked Sendable {
    static let schema = "teaching_assignments"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "class_id") var classID: UUID
    @Field(key: "subject_id") var subjectID: UUID

    init() {}
}
