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

    private func value(schoolYearName: String) -> AdmissionApplication {
        let startYear = schoolYearName.prefix(4)
        return AdmissionApplication(
            id: AdmissionApplicationID(id!), campaignID: CampaignID(campaignID), code: RegistrationCode(code)!,
            number: number.map { "\(startYear)-\(String(format: "%05d", $0))" },
            status: ApplicationStatus(rawValue: status) ?? .draft, form: form,
            submittedAt: submittedAt.flatMap(Timestamps.parseStorage), enteredBy: enteredBy, version: version,
            outcome: outcome.flatMap(Outcome.init(rawValue:)), waitlistPosition: waitlistPosition,
            confirmation: confirmation.flatMap(Confirmation.init(rawValue:)),
            confirmUntil: confirmUntil.map(Date.init(timeIntervalSince1970:)),
            councilNote: [.needsInfo, .notEligible].contains(ApplicationStatus(rawValue: status)) ? review.note : "")
    }
}
