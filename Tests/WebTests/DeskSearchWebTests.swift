import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The desk sees and finds the family as it applied: the mother who submitted, not the kindergarten list's parent,
/// and the application by its number.
@Suite struct DeskSearchWebTests {
    @Test func theDeskFindsAnApplicationByTheApplyingParentAndByItsNumber() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let anh = samples[0]
            let parent = try await appliedFamily(app, anh)
            let number = try #require(try await app.domain.applications.load(try await parent.portalAccess(app)).application?.number)

            let desk = TestBrowser(app)
            try await desk.login("thuongtruc", DemoSchool.password)
            for query in ["tran thi bich", "Trần Thị Bích", number] {
                let found = try await desk.get(Site.desk(query: ["q": query]))
                #expect(found.body.contains(anh.code.display), "the desk finds the application by “\(query)”")
                #expect(found.body.contains("Trần Thị Bích"), "the applying mother is shown")
            }
            let nobody = try await desk.get(Site.desk(query: ["q": "2027-09999"]))
            #expect(!nobody.body.contains(anh.code.display))
            // The case page shows what the family submitted, to read without opening the edit form.
            let casePage = try await desk.get(Site.deskCase(anh.code))
            #expect(casePage.body.contains("Hồ sơ gia đình đã nộp"))
            #expect(casePage.body.contains("Số 5 phố Hàng Bài") && casePage.body.contains("ks.pdf"), "the address and the documents")
        }
    }
}
