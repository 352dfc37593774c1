import FluentKit
import Foundation

final class EnrollmentRow: Model, @unchecked Sendable {
    static let schema = "enrollments"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "class_id") var classID: UUID
    @Field(key: "enrolled_on") var enrolledOn: String
    @Field(key: "created_at") var createdAt: String
    /// The day the pupil left the school (transfer, dropping out), or nil while they attend.
    @OptionalField(key: "left_on") var leftOn: String?
    @OptionalField(key: "left_kind") var leftKind: String?
    /// The roll-over that wrote this enrollment of a new year, if one did.
    @OptionalField(key: "rollover_id") var rolloverID: UUID?

    init() {}
}
