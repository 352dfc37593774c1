import Admissions
import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Web

/// After the application window closes, a family that never applied is told so at the top of the page, with the
/// desk's phone, instead of a whole form that cannot be sent; an upload then gets that page (409), not a bare error.
@Suite struct ClosedPortalWebTests {
    @Test func aFamilyArrivingAfterTheCloseIsToldWhatToDo() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await openWithCertificate(app, samples[1])
            let open = try await parent.get(Site.portalApplication())
            #expect(open.body.contains(#"name="childFamily""#))
            let closedAt = Date().addingTimeInterval(-60).timeIntervalSince1970
            try await app.db.sql().raw("UPDATE admission_campaigns SET apply_until = \(bind: closedAt)").run()

            let closed = try await parent.get(Site.portalApplication())
            #expect(closed.status == .ok)
            #expect(closed.body.contains("Cổng đã ngừng nhận hồ sơ trực tuyến"))
            #expect(closed.body.contains("Gia đình chưa nộp hồ sơ"))
            #expect(closed.body.contains("024 3825 1234"), "the desk's phone")
            #expect(!closed.body.contains(#"name="childFamily""#), "no form that cannot be sent")

            let upload = try await parent.upload(
                Site.portalDocuments(), [("kind", "KS")], file: ("file", "ks2.pdf", SampleUploads.birthCertificatePDF))
            #expect(upload.status == .conflict)
            #expect(upload.body.contains("Cổng đã ngừng nhận hồ sơ trực tuyến"))
            #expect(try await rowCount("application_documents", on: app.db) == 1, "nothing stored after the close")
        }
    }
}
