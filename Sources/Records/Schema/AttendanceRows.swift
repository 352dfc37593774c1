import FluentKit
import Foundation

final class AbsenceRow: Model, @unchecked Sendable {
    static let schema = "attendance_absences"

    @ID(key: .id) var id: UUID?
    @Field(key: "class_id") var classID: UUID
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "day") var day: String
    @Field(key: "kind") var kind: String

    init() {}
}

final class AttendanceMonthRow: Model, @unchecked Sendable {
    static let schema = "attendance_months"

    @ID(key: .id) var id: UUID?
    @Field(key: "class_id") var classID: UUID
    @Field(key: "month") var month: String
    @Field(key: "version") var version: Int
    @Field(key: "updated_by_name") var updatedByName: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}
