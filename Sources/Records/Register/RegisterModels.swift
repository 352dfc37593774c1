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

final class GuardianRow: Model, NameColumns, @unchecked Sendable {
    static let schema = "guardians"

    @ID(key: .id) var id: UUID?
    @Field(key: "family_name") var familyName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_last") var familyLast: Bool
    @Field(key: "search_key") var searchKey: String
    @Field(key: "phone") var phone: String
    /// Phone digits and folded name; unique, `nil` without a phone.
    @OptionalField(key: "match_key") var matchKey: String?
    @Field(key: "email") var email: String
    @OptionalField(key: "personal_id") var personalID: String?
    @Field(key: "created_at") var createdAt: String

    init() {}



    var value: Guardian {
        Guardian(id: GuardianID(id!), name: name, phone: phone, email: email, personalID: personalID ?? "")
    }
}

final class StudentGuardianRow: Model, @unchecked Sendable {
    static let schema = "student_guardians"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "guardian_id") var guardianID: UUID
    @Field(key: "relation") var relation: String
    @Field(key: "position") var position: Int

    init() {}
}

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

final class RegisterCorrectionRow: Model, @unchecked Sendable {
    static let schema = "register_corrections"

    @ID(key: .id) var id: UUID?
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "status") var status: String
    @Field(key: "reason") var reason: String
    @Field(key: "before_json") var beforeJSON: String
    @Field(key: "after_json") var afterJSON: String
    /// The entry's version when the request was made; approval refuses to apply over a newer one.
    @Field(key: "entry_version") var entryVersion: Int
    @OptionalField(key: "requested_by_id") var requestedByID: UUID?
    @Field(key: "requested_by_name") var requestedByName: String
    @Field(key: "requested_at") var requestedAt: String
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_at") var decidedAt: String?
    @Field(key: "decision_note") var decisionNote: String

    init() {}
}

final class EnrollmentRow: Model, @unchecked Sendable {
    static let schema = "enrollments"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "class_id") var classID: UUID
    @Field(key: "enrolled_on") var enrolledOn: String
    @Field(key: "created_at") var createdAt: String

    init() {}
}

final class RegisterSettingsRow: Model, @unchecked Sendable {
    static let schema = "register_settings"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "number_format") var numberFormat: String

    init() {}
}
