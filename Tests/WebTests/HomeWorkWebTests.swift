import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// Each role's home page says what waits for it, with counts and links; the menu shows each role what it uses;
/// the desk has a list of the questions it has not answered.
@Suite struct HomeWorkWebTests {
    /// The labels of the main menu on `page`.
    static func menu(_ page: String) -> [String] {
        guard let nav = page.components(separatedBy: #"<nav id="site-nav""#).dropFirst().first?.components(separatedBy: "</nav>").first
        else { return [] }
        return nav.components(separatedBy: "<a href=").dropFirst().compactMap {
            $0.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init)
        }
    }

    static func waiting(_ page: String, _ title: String) -> Int? {
        guard let before = page.components(separatedBy: #"</span> <span class="work-title">\#(title)"#).first,
            page.contains(#"<span class="work-title">\#(title)"#)
        else { return nil }
        return before.components(separatedBy: #"<span class="work-count">"#).last.flatMap { Int($0) }
    }

    @Test func theCouncilTheDeskAndThePrincipalEachSeeTheirWorkAndTheirMenu() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await appliedFamily(app, samples[0])
            #expect(try await parent.post(Site.portalAsk(), [("body", "Con tôi có cần khám sức khỏe không?")]).status == .seeOther)

            let member = TestBrowser(app)
            try await member.login("hoidong", DemoSchool.password)
            let council = try await member.get(Site.home())
            #expect(Self.waiting(council.body, "Hồ sơ chờ hội đồng xét duyệt") == 1)
            #expect(Self.menu(council.body) == ["Trang chủ", "Hội đồng"], "\(Self.menu(council.body))")

            let deskBrowser = TestBrowser(app)
            try await deskBrowser.login("thuongtruc", DemoSchool.password)
            let desk = try await deskBrowser.get(Site.home())
            #expect(Self.waiting(desk.body, "Câu hỏi của phụ huynh chưa trả lời") == 1)
            #expect(Self.menu(desk.body) == ["Trang chủ", "Thường trực"], "the desk sees no school set-up: \(Self.menu(desk.body))")
            let questions = try await deskBrowser.get(Site.deskQuestions())
            #expect(questions.status == .ok)
            #expect(questions.body.contains("Con tôi có cần khám sức khỏe không?") && questions.body.contains("Nguyễn Thị Ánh"))
            let reply = try await deskBrowser.post(Site.deskMessages(samples[0].code), [("body", "Không cần ạ.")])
            #expect(reply.status == .seeOther)
            #expect(Self.waiting(try await deskBrowser.get(Site.home()).body, "Câu hỏi của phụ huynh chưa trả lời") == 0)
            #expect(try await deskBrowser.get(Site.deskQuestions()).body.contains("Không còn câu hỏi nào chờ trả lời."))

            let chair = TestBrowser(app)
            try await chair.login("hieutruong", DemoSchool.password)
            let principal = try await chair.get(Site.home())
            #expect(Self.waiting(principal.body, "Đề nghị đính chính sổ đăng bộ chờ duyệt") == 0)
            #expect(principal.body.contains(#"href="/school/subjects""#), "set-up pages are on the home page")
            let items = Self.menu(principal.body)
            #expect(items.contains("Thiết lập trường") && !items.contains("Môn học") && items.count <= 10, "\(items)")

            let teacher = TestBrowser(app)
            try await teacher.login("gvbm.tienganh", DemoSchool.password)
            #expect(Self.menu(try await teacher.get(Site.home()).body) == ["Trang chủ", "Lớp học"])
        }
    }
}
