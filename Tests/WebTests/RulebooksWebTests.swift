import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The admin board reads the assessment rules in force for each grade, with their source and the unverified ones.
@Suite struct RulebooksWebTests {
    @Test func theRulesInForceForAGradeShowTheirTestsSourceAndUnverifiedSettings() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let board = TestBrowser(app)
            try await board.login("quantri", DemoSchool.password)
            #expect(try await board.get(Site.subjects()).body.contains(Site.rulebooks()))
            let page = try await board.get(Site.rulebooks(query: ["grade": "4"]))
            #expect(page.status == .ok)
            #expect(page.body.contains("Quy định đánh giá năm học 2026-2027"))
            #expect(page.body.contains("Khối 4: Thông tư 27/2020/TT-BGDĐT"))
            // Toán in grade 4 is tested at all four checkpoints; Âm nhạc at none.
            let toan = try #require(page.body.firstMatch(of: /<tr><td>Toán<\/td>(.*?)<\/tr>/)?.1)
            #expect(toan.components(separatedBy: "Có").count - 1 == 4)
            let music = try #require(page.body.firstMatch(of: /<tr><td>Âm nhạc<\/td>(.*?)<\/tr>/)?.1)
            #expect(!music.contains("Có"))
            #expect(page.body.contains("Chưa đối chiếu được với văn bản gốc"))
            #expect(page.body.contains("Khoa học có bài kiểm tra định kì"))
            let grade3 = try await board.get(Site.rulebooks(query: ["grade": "3"]))
            let toan3 = try #require(grade3.body.firstMatch(of: /<tr><td>Toán<\/td>(.*?)<\/tr>/)?.1)
            #expect(toan3.components(separatedBy: "Có").count - 1 == 2, "grade 3 has no mid-term tests")
            #expect(try await TestBrowser(app).get(Site.rulebooks()).status != .ok, "not for visitors")
        }
    }
}
