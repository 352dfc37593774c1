import FluentKit
import Foundation

final class MovementRow: Model, @unchecked Sendable {
    static let schema = "pupil_movements"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "from_class_id") var fromClassID: UUID?
    @OptionalField(key: "to_class_id") var toClassID: UUID?
    @Field(key: "other_school") var otherSchool: String
    @Field(key: "reason") var reason: String
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "created_at") var createdAt: String
    /// The roll-over that recorded this completion of primary school, if one did.
    @OptionalField(key: "rollover_id") var rolloverID: UUID?

    init() {}
}
