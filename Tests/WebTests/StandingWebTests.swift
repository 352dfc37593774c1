import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The receipt says first where the family stands, in its own colour and words with the next step; every request to
/// the family is also sent to it (SMS and email through the outbox).
@Suite struct StandingWebTests {
    @Test func aRequestForMoreIsSaidFirstAndSentToTheFamilyAndSoIsTheDesksAnswer() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await appliedFamily(app, samples[0])
            let received = try await parent.get(Site.portalReceipt())
            #expect(received.body.contains(#"class="standing standing-waiting""#))
            #expect(received.body.contains("Đã nộp, chờ hội đồng xét duyệt"))

            let access = try await parent.portalAccess(app)
            let application = try #require(try await app.domain.applications.load(access).application)
            try await ReviewService(database: app.db).decide(
                application.id, checklist: [], decision: .needsInfo(message: "Ảnh giấy khai sinh bị mờ, chụp lại rõ nét"),
                version: application.version, by: .system())
            let asked = try await parent.get(Site.portalReceipt())
            let body = asked.body
            #expect(body.contains(#"class="standing standing-action""#), "a request is not shown as received")
            #expect(!body.contains("standing-waiting"))
            let request = try #require(body.range(of: "Hội đồng tuyển sinh cần: Ảnh giấy khai sinh bị mờ, chụp lại rõ nét"))
            let details = try #require(body.range(of: #"<dl class="details">"#))
            #expect(request.lowerBound < details.lowerBound, "what is needed is at the top, above the details")
            #expect(body.contains(">Bổ sung hồ sơ</a>"))

            let outbox = try await Outbox(database: app.db).recent(by: .system())
            let sent = outbox.filter { $0.subject == "Hồ sơ tuyển sinh lớp 1: cần bổ sung" }
            #expect(sent.map(\.recipient) == ["0912345601"], "the mother's phone: \(outbox.map(\.subject))")
            #expect(sent.first?.body.contains("Ảnh giấy khai sinh bị mờ") == true)

            // The desk answers a question: the family hears of it too.
            try await app.domain.desk.post(
                "Gia đình có thể nộp bản chụp bằng điện thoại.", on: access, by: .system())
            let answered = try await Outbox(database: app.db).recent(by: .system())
                .filter { $0.subject == "Nhà trường trả lời câu hỏi về hồ sơ tuyển sinh" }
            #expect(answered.count == 1 && answered[0].recipient == "0912345601")
            #expect(answered.first?.body.contains("nộp bản chụp bằng điện thoại") == true)
        }
    }
}
