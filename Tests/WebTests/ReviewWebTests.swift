import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct ReviewWebTests {
    @Test func aCouncilMemberReviewsAndAStaleDecisionIsRefused() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            _ = try await parent.upload(
                "/tuyen-sinh/giay-to", [("kind", "KS")], file: ("file", "ks.pdf", SampleUploads.birthCertificatePDF))
            #expect(
                try await parent.post(
                    "/tuyen-sinh/ho-so",
                    completeApplication(
                        samples[0], family: "Nguyễn", middle: "Thị", given: "Ánh",
                        gender: "female")
                ).location == "/tuyen-sinh/bien-nhan")
            let member = TestBrowser(app)
            try await member.login("hoidong", DemoSchool.password)
            let queue = try await member.get("/admissions/review")
            #expect(queue.status == .seeOther)
            let list = try await member.get(try #require(queue.location))
            #expect(list.body.contains("2027-00001"))
            let href = try #require(
                list.body.components(separatedBy: "href=\"/admissions/review/").dropFirst().first?.prefix { $0 != "\"" })
            let page = try await member.get("/admissions/review/\(href)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Bản sao giấy khai sinh"))
            let missing = try await member.post("/admissions/review/\(href)", [("version", "1"), ("check-KS", "verified")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.contains("Vui lòng chọn kết luận."))
            let asked = try await member.post(
                "/admissions/review/\(href)",
                [
                    ("version", "1"), ("check-KS", "verified"), ("check-CT", "missing"),
                    ("decision", "needsInfo"), ("note", "Bổ sung giấy tạm trú"),
                ])
            #expect(asked.status == .seeOther)
            let stale = try await member.post("/admissions/review/\(href)", [("version", "1"), ("decision", "verified"), ("group", "DT1")])
            #expect(stale.status == .conflict)
            let receipt = try await parent.get("/tuyen-sinh/bien-nhan")
            #expect(receipt.body.contains("Cần bổ sung hồ sơ") && receipt.body.contains("Hội đồng tuyển sinh cần: Bổ sung giấy tạm trú"))
            #expect(receipt.body.contains("Bổ sung giấy tạm trú"))
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get("/admissions/review/\(href)").status == .forbidden)
        }
    }
}
