import FluentKit
import Foundation
import Records

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
    @OptionalField(key: "enrolment_note") var enrolmentNote: String?
    @Field(key: "is_trial") var isTrial: Bool
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: String

    init() {}
}

extension CampaignRow {
    /// The campaign this row stores.
    func value() -> Campaign {
        let date = { (t: Double) in Date(timeIntervalSince1970: t) }
        return Campaign(
            id: CampaignID(id!), schoolYearName: schoolYearName, title: title, birthYear: birthYear,
            classes: classes, placesPerClass: placesPerClass,
            windows: CampaignWindows(
                codesFrom: date(codesFrom), applyFrom: date(applyFrom), applyUntil: date(applyUntil),
                reviewUntil: date(reviewUntil), resultsAt: date(resultsAt), confirmBy: date(confirmBy)),
            requiredDocuments: JSONText.decode(requiredDocumentsJSON) ?? [],
            priorityGroups: JSONText.decode(priorityGroupsJSON) ?? [],
            catchment: JSONText.decode(catchmentJSON) ?? [],
            approver: approver, deskPhone: deskPhone, enrolmentNote: enrolmentNote ?? "", isTrial: isTrial,
            version: version)
    }
}
