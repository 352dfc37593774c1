import FluentKit
import Foundation
import Records
import SQLKit

/// The columns of an application the portal and the desk show, read as a plain row: what every page of a parent's
/// flow reads, so it is decoded straight from SQL rather than through a Fluent model (issue 15).
struct StoredApplication: Decodable {
    let id: UUID
    let campaignID: UUID
    let code: String
    let number: Int?
    let status: String
    let formJSON: String
    let submittedAt: String?
    let enteredBy: String
    let version: Int
    let reviewJSON: String?
    let outcome: String?
    let waitlistPosition: Int?
    let confirmation: String?
    let confirmUntil: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, code, number, status, version, outcome, confirmation
        case campaignID = "campaign_id"
        case formJSON = "form_json"
        case submittedAt = "submitted_at"
        case enteredBy = "entered_by"
        case reviewJSON = "review_json"
        case waitlistPosition = "waitlist_position"
        case confirmUntil = "confirm_until"
    }

    /// The application this row stores, in the campaign of `schoolYearName` (its numbers start with the year).
    func value(schoolYearName: String) -> AdmissionApplication {
        let startYear = schoolYearName.prefix(4)
        let status = ApplicationStatus(rawValue: status) ?? .draft
        let review: Review? = [.needsInfo, .notEligible].contains(status) ? reviewJSON.flatMap { JSONText.decode($0) } : nil
        return AdmissionApplication(
            id: AdmissionApplicationID(id), campaignID: CampaignID(campaignID), code: RegistrationCode(code)!,
            number: number.map { "\(startYear)-\(String(format: "%05d", $0))" }, status: status,
            form: JSONText.decode(formJSON) ?? ApplicationForm(),
            submittedAt: submittedAt.flatMap(Timestamps.parseStorage), enteredBy: enteredBy, version: version,
            outcome: outcome.flatMap(Outcome.init(rawValue:)), waitlistPosition: waitlistPosition,
            confirmation: confirmation.flatMap(Confirmation.init(rawValue:)),
            confirmUntil: confirmUntil.map(Date.init(timeIntervalSince1970:)), councilNote: review?.note ?? "")
    }

    /// The application of `code` in `campaign`, if there is one.
    static func find(code: String, campaign: UUID, on db: any Database) async throws -> StoredApplication? {
        try await db.sql().select().columns(CodingKeys.allCases.map { SQLColumn($0.rawValue) })
            .from(ApplicationRow.schema).where("campaign_id", .equal, SQLBind(campaign)).where("code", .equal, SQLBind(code))
            .first(decoding: StoredApplication.self)
    }
}

/// The columns of a listed child the portal shows, read as a plain row.
struct StoredChild: Decodable {
    let familyName: String
    let middleName: String
    let givenName: String
    let familyLast: Bool
    let birthDate: String
    let gender: String
    let personalID: String
    let parentName: String
    let parentPhone: String
    let address: String
    let olderReason: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case gender, address
        case familyName = "family_name"
        case middleName = "middle_name"
        case givenName = "given_name"
        case familyLast = "family_last"
        case birthDate = "birth_date"
        case personalID = "personal_id"
        case parentName = "parent_name"
        case parentPhone = "parent_phone"
        case olderReason = "older_reason"
    }

    /// The child as the list gives it.
    var entry: ChildEntry {
        ChildEntry(
            name: PersonName(family: familyName, middle: middleName, given: givenName, familyLast: familyLast),
            birthDate: SchoolDate(iso: birthDate), gender: Sex(rawValue: gender), personalID: personalID,
            parentName: parentName, parentPhone: parentPhone, address: address, olderReason: olderReason)
    }
}
