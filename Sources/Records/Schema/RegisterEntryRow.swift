import FluentKit
import Foundation

final class RegisterEntryRow: Model, @unchecked Sendable {
    static let schema = "register_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "register_number") var number: Int
    @Field(key: "number_text") var numberText: String
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "entry_date") var entryDate: String
    @Field(key: "entry_grade") var entryGrade: Int
    @Field(key: "route") var route: String
    @Field(key: "previous_school") var previousSchool: String
    @Field(key: "father_name") var fatherName: String
    @Field(key: "mother_name") var motherName: String
    @Field(key: "guardian_name") var guardianName: String
    @Field(key: "notes") var notes: String
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: String

    init() {}
}
