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
}
