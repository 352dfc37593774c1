import Admissions
import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Web

/// The campaign kept in memory between the portal's requests: a change behind the node's back shows once the copy is
/// old, any change by staff on the node at once, so a window closed by the principal refuses the next submission.
@Suite struct CampaignCacheWebTests {
    @Test func aWindowClosedByStaffRefusesTheNextSubmissionAtOnce() async throws {
        try await withHoso(
            adjusting: { $0.schoolCacheSeconds = 600 },
            body: { app in
                let samples = try await seedDemoCampaign(app)
                let parent = try await openWithCertificate(app, samples[0])
                let kept = try #require(try await app.domain.campaigns.current())
                // Closed behind the node's back, as another node would: the kept copy still says open.
                let sql = try #require(app.db as? any SQLDatabase)
                let closed = Date().addingTimeInterval(-60).timeIntervalSince1970
                try await sql.raw("UPDATE admission_campaigns SET apply_until = \(bind: closed)").run()
                #expect(try await app.domain.campaigns.current()?.windows.applyUntil == kept.windows.applyUntil)

                // Any change by staff on this node drops the copy: the next submission sees the closed window.
                let staff = TestBrowser(app)
                try await staff.login("quantri", DemoSchool.password)
                #expect(try await staff.post(Site.logout(), []).status == .seeOther)
                let late = try await parent.post(
                    Site.portalApplication(),
                    completeApplication(samples[0], family: "Nguyễn", middle: "Thị", given: "Ánh", gender: "female"))
                #expect(late.status == .conflict, "\(late.status)")
                #expect(late.body.contains("Cổng đã ngừng nhận hồ sơ trực tuyến"))
                let stored = try await sql.raw("SELECT COUNT(*) AS n FROM admission_applications WHERE status <> 'draft'").first()
                #expect(try stored?.decode(column: "n", as: Int.self) == 0, "nothing was submitted")
            })
    }
}
