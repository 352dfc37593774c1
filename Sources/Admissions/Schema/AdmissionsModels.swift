import FluentKit
import Records
import Foundation

final class CampaignRow: Model, @unchecked Sendable {
    static let schema = "admission_campaigns"

    @ID(key: .id) var id: UUID?
    @Field(key: "school_year_name") var schoolYearName: String
    @Field(key: "title") var title: String
    @Field(key: "birth_year") var birthYear: Int
    @Field(key: "classes") var classes: Int
    @Field(key: "places_per_class") var placesPerClass: Int
    @Field(key: "codes_from") var codesFrom: Double
    @Field(key: "apply_from") var applyFrom: Double
    @Field(key: "apply_until") var applyUntil: Double
    @Field(key: "review_until") var reviewUntil: Double
    @Field(key: "results_at") var resultsAt: Double
    @Field(key: "confirm_by") var confirmBy: Double
    @Field(key: "required_documents_json") var requiredDocumentsJSON: String
    @Field(key: "priority_groups_json") var priorityGroupsJSON: String
    @Field(key: "catchment_json") var catchmentJSON: String
    @Field(key: "approver") var approver: String
    @Field(key: "desk_phone") var deskPhone: String
    @Field(key: "is_trial") var isTrial: Bool
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: String

    init() {}
}

final class KindergartenRow: Model, @unchecked Sendable {
    static let schema = "kindergartens"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "name") var name: String
    @Field(key: "address") var address: String
    @Field(key: "contact") var contact: String

    init() {}
}

final class ListedChildRow: Model, NameColumns, @unchecked Sendable {
    static let schema = "listed_children"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @OptionalField(key: "kindergarten_id") var kindergartenID: UUID?
    @Field(key: "family_name") var familyName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_last") var familyLast: Bool
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "search_key") var searchKey: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "gender") var gender: String
    @Field(key: "personal_id") var personalID: String
    @Field(key: "parent_name") var parentName: String
    @Field(key: "parent_phone") var parentPhone: String
    @Field(key: "address") var address: String
    @Field(key: "older_reason") var olderReason: String
    @Field(key: "source") var source: String
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "created_at") var createdAt: String

    init() {}

    func storeSortKey(_ key: String) { sortKey = key }
}

final class RegistrationCodeRow: Model, @unchecked Sendable {
    static let schema = "registration_codes"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "child_id") var childID: UUID
    @Field(key: "status") var status: String
    @Field(key: "issued_at") var issuedAt: String
    @OptionalField(key: "revoked_at") var revokedAt: String?
    @Field(key: "note") var note: String
    @Field(key: "locked_until") var lockedUntil: Double

    init() {}
}

final class ImportBatchRow: Model, @unchecked Sendable {
    static let schema = "import_batches"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "kindergarten_id") var kindergartenID: UUID
    @Field(key: "filename") var filename: String
    @Field(key: "content") var content: String
    @Field(key: "created_at") var createdAt: String
    @OptionalField(key: "imported_at") var importedAt: String?

    init() {}
}
