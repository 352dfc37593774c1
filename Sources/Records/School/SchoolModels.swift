import FluentKit
import Foundation

final class SchoolProfileRow: Model, @unchecked Sendable {
    static let schema = "school_profile"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "code") var code: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "ward_code") var wardCode: String
    @Field(key: "address_line") var addressLine: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Field(key: "principal_name") var principalName: String
    @Field(key: "require_second_factor") var requireSecondFactor: Bool
    @Field(key: "created_at") var createdAt: String

    init() {}
}

final class SchoolYearRow: Model, @unchecked Sendable {
    static let schema = "school_years"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "term1_ends_on") var term1EndsOn: String
    @Field(key: "term2_starts_on") var term2StartsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "mid_term1_on") var midTerm1On: String
    @Field(key: "end_term1_on") var endTerm1On: String
    @Field(key: "mid_term2_on") var midTerm2On: String
    @Field(key: "end_of_year_on") var endOfYearOn: String
    @Field(key: "is_current") var isCurrent: Bool

    init() {}
}

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

final class SubjectRow: Model, @unchecked Sendable {
    static let schema = "subjects"

    @ID(key: .id) var id: UUID?
    @Field(key: "grade") var grade: Int
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "is_scored") var isScored: Bool
    @Field(key: "periods_per_year") var periodsPerYear: Int
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "is_active") var isActive: Bool

    init() {}
}

final class TeachingAssignmentRow: Model, @unchecked Sendable {
    static let schema = "teaching_assignments"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "class_id") var classID: UUID
    @Field(key: "subject_id") var subjectID: UUID

    init() {}
}
