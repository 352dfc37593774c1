import FluentKit
import Foundation

final class StudentGuardianRow: Model, @unchecked Sendable {
    static let schema = "student_guardians"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "guardian_id") var guardianID: UUID
    @Field(key: "relation") var relation: String
    @Field(key: "position") var position: Int

    init() {}
}
