import FluentKit
import Foundation
import Records

/// What a family that confirmed its place is asked to bring, and when: the school's own words, per campaign.
struct M0015_AddEnrolmentNoteToCampaigns: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("admission_campaigns").field("enrolment_note", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("admission_campaigns").deleteField("enrolment_note").update()
    }
}
