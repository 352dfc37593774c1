import Foundation
import Records
import TestSupport
import Testing

@testable import Admissions

/// Each status has its own tone, words and next step; a lost place is never shown under "Trúng tuyển".
@Suite struct FamilyStandingTests {
    static func application(
        status: ApplicationStatus = .verified, outcome: Outcome? = nil, confirmation: Admissions.Confirmation? = nil,
        confirmUntil: Date? = nil, note: String = ""
    ) -> AdmissionApplication {
        AdmissionApplication(
            id: AdmissionApplicationID(UUID()), campaignID: CampaignID(UUID()), code: RegistrationCode.random(),
            number: "2027-00001", status: status, form: ApplicationForm(childFamily: "Niê", childGiven: "H'Hen", childFamilyLast: true),
            submittedAt: Date(timeIntervalSince1970: 0), enteredBy: "", version: 1, outcome: outcome, waitlistPosition: 2,
            confirmation: confirmation, confirmUntil: confirmUntil, councilNote: note)
    }

    @Test func everyStatusSaysWhatItMeansAndWhatComesNext() async throws {
        try await TestDatabase.withFresh { db in
            let campaign = try await PortalFixture.make(db).campaign
            let now = campaign.windows.resultsAt + 3_600
            let of = { (a: AdmissionApplication) in FamilyStanding.of(a, in: campaign, at: now) }

            let asked = of(Self.application(status: .needsInfo, note: "Ảnh mờ"))
            #expect(asked.tone == .action && asked.detail.contains("Ảnh mờ") && asked.next.contains("Bổ sung hồ sơ"))

            let admitted = of(Self.application(outcome: .admitted, confirmUntil: now + 86_400))
            #expect(admitted.tone == .action && admitted.mayConfirm && admitted.headline.hasPrefix("Trúng tuyển"))

            let late = of(Self.application(outcome: .admitted, confirmUntil: now - 60))
            #expect(late.tone == .ended && !late.mayConfirm && !late.headline.contains("Trúng tuyển"))
            let released = of(Self.application(outcome: .admitted, confirmation: .released))
            #expect(released.headline == "Quá hạn xác nhận nhập học" && released.tone == .ended)

            let confirmed = of(Self.application(outcome: .admitted, confirmation: .confirmed))
            #expect(confirmed.tone == .good && confirmed.detail.contains("H'Hen Niê"))
            #expect(confirmed.next.contains("bản chính bản sao giấy khai sinh"), "what to bring: \(confirmed.next)")
            var own = campaign
            own.enrolmentNote = "Mang bản chính giấy khai sinh đến phòng 101 lúc 8:00 ngày 01/08/2027."
            #expect(
                FamilyStanding.of(Self.application(outcome: .admitted, confirmation: .confirmed), in: own, at: now).next
                    == own.enrolmentNote)

            let waiting = of(Self.application(outcome: .waitlisted))
            #expect(waiting.tone == .waiting && waiting.headline == "Trong danh sách chờ, vị trí 2")
            #expect(of(Self.application(status: .submitted)).tone == .waiting)
            #expect(of(Self.application(status: .notEligible, note: "Sai tuổi")).detail == "Lý do: Sai tuổi")
        }
    }
}
