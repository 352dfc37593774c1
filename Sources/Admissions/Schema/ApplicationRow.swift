import FluentKit
import Foundation
import Records

final class ApplicationRow: Model, @unchecked Sendable {
    static let schema = "admission_applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "child_id") var childID: UUID
    @Field(key: "code") var code: String
    @OptionalField(key: "number") var number: Int?
    @Field(key: "status") var status: String
    @Field(key: "form_json") var formJSON: String
    @OptionalField(key: "consent_at") var consentAt: String?
    @OptionalField(key: "submitted_at") var submittedAt: String?
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: String
    @Field(key: "updated_at") var updatedAt: String
    @OptionalField(key: "review_json") var reviewJSON: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "waitlist_position") var waitlistPosition: Int?
    @OptionalField(key: "confirmation") var confirmation: String?
    @OptionalField(key: "confirm_until") var confirmUntil: Double?
    @OptionalField(key: "confirmed_at") var confirmedAt: Double?
    @OptionalField(key: "student_id") var studentID: UUID?

    init() {}
}

extension ApplicationRow {
    /// The stored form (an unreadable one reads as empty rather than failing a whole list).
    var form: ApplicationForm { JSONText.decode(formJSON) ?? ApplicationForm() }
    /// What the council recorded, or an empty review.
    var review: Review { reviewJSON.flatMap { JSONText.decode($0) } ?? Review() }

    /// The application this row stores, in `campaign`.
    func value(campaign: CampaignRow) -> AdmissionApplication { value(schoolYearName: campaign.schoolYearName) }

    func value(campaign: Campaign) -> AdmissionApplication { value(schoolYearName: campaign.schoolYearName) }

    private func value(schoolYearName: String) -> AdmissionApplication { stored.value(schoolYearName: schoolYearName) }

    /// The plain row of what it stores.
    var stored: StoredApplication {
        StoredApplication(
            id: id!, campaignID: campaignID, code: code, number: number, status: status, formJSON: formJSON,
            submittedAt: submittedAt, enteredBy: enteredBy, version: version, reviewJSON: reviewJSON, outcome: outcome,
            waitlistPosition: waitlistPosition, confirmation: confirmation, confirmUntil: confirmUntil)
    }
}
