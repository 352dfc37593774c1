import Admissions
import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Web

/// A read-only inspector cannot change a family's application with what the pages show: no registration code in
/// clear on the audit page or in its CSV, no code or date of birth on the children page, and the portal refuses
/// a browser where a staff account is signed in (staff act for families at the desk, in their own name).
@Suite struct InspectorWebTests {
    @Test func theInspectorCannotOpenAFamilysApplicationWithWhatThePagesShow() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let anh = samples[0]
            // The family has applied and asked a question, so the log holds their entries.
            let parent = try await appliedFamily(app, anh)
            _ = try await parent.post(Site.portalAsk(), [("body", "Con tôi có cần khám sức khoẻ không?")])

            let inspector = TestBrowser(app)
            try await inspector.login("thanhtra", DemoSchool.password)
            let audit = try await inspector.get(Site.audit())
            #expect(audit.status == .ok)
            let csv = try await inspector.get(Site.auditCSV())
            #expect(csv.status == .ok)
            let campaign = try #require(try await app.domain.campaigns.current())
            let children = try await inspector.get(Site.children(campaign.id))
            #expect(children.status == .ok)
            for (name, page) in [("audit", audit), ("csv", csv), ("children", children)] {
                for sample in samples {
                    let line = page.body.split(separator: "\n").first {
                        $0.contains(sample.code.display) || $0.contains(sample.code.symbols)
                    }
                    #expect(line == nil, "\(name) shows a code: \(line ?? "")")
                }
            }
            #expect(audit.body.contains("••••-••••-\(anh.code.symbols.suffix(2))"), "the log still tells codes apart")
            #expect(!children.body.contains(anh.birthDate.display), "no date of birth for the inspector")

            // Even knowing a code and a date, a signed-in staff browser is turned to the desk.
            let tried = try await inspector.post(Site.portal(), [("code", anh.code.display), ("birthDate", anh.birthDate.display)])
            #expect(tried.status == .forbidden)
            #expect(tried.body.contains("Thường trực tuyển sinh"))
            #expect(inspector.cookies[PortalController.cookieName] == nil)
            // A portal cookie carried into a staff session opens nothing either.
            inspector.addCookie(PortalController.cookieName, try #require(parent.cookies[PortalController.cookieName]))
            let carried = try await inspector.get(Site.portalApplication())
            #expect(carried.status == .forbidden)
            let changed = try await inspector.post(Site.portalApplication(), [("addressLine", "Địa chỉ khác"), ("action", "draft")])
            #expect(changed.status == .forbidden)
            let stored = try await app.domain.applications.load(try await parent.portalAccess(app))
            #expect(stored.application?.form.addressLine == "Số 5 phố Hàng Bài")
        }
    }

    @Test func theInspectorReadsOneApplicationAndItsDocumentsButNotTheFamilysPhonesAndDecidesNothing() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            _ = try await appliedFamily(app, samples[0])
            let campaign = try #require(try await app.domain.campaigns.current())
            let application = try #require(
                try await app.domain.review.queue(campaign.id, by: .system()).first?.application)
            let inspector = TestBrowser(app)
            try await inspector.login("thanhtra", DemoSchool.password)
            #expect(try await inspector.get(Site.home()).body.contains(#"href="\#(Site.review())""#), "the menu leads there")
            let queue = try await inspector.get(Site.reviewQueue(campaign.id))
            #expect(queue.status == .ok)
            #expect(queue.body.contains(Site.reviewApplication(application.id)))
            let page = try await inspector.get(Site.reviewApplication(application.id))
            #expect(page.status == .ok)
            #expect(page.body.contains("Nguyễn Thị Ánh") && page.body.contains("Trần Thị Bích"))
            #expect(!page.body.contains("0912345601"), "the mother's phone is masked")
            #expect(page.body.contains("091•••••01"))
            #expect(!page.body.contains(samples[0].code.display), "no code to open the portal with")
            #expect(!page.body.contains("Ghi kết luận"), "no decision form")
            let documents = try await app.domain.documents.list(for: try await app.domain.review.item(application.id, by: .system()).1)
            let certificate = try #require(documents.first)
            let file = try await inspector.get(Site.reviewDocument(application.id, certificate.id))
            #expect(file.status == .ok && file.bytes == SampleUploads.birthCertificatePDF)
            let decided = try await inspector.post(
                Site.reviewApplication(application.id),
                [("decision", "notEligible"), ("note", "thử"), ("version", String(application.version))])
            #expect(decided.status == .forbidden)
            #expect(try await app.domain.review.item(application.id, by: .system()).0.application.status == .submitted)
            let outbox = try await inspector.get(Site.outbox())
            #expect(outbox.status == .ok)
            #expect(!outbox.body.contains("0912345601"), "the outbox masks recipients for the inspector")
        }
    }
}
