import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The receipt tells a family what they sent and what comes next: the documents uploaded, when results are published
/// and until when to confirm, on the page and in its PDF alike.
@Suite struct ReceiptWebTests {
    @Test func theReceiptListsTheDocumentsAndTheDatesThatComeNext() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let anh = samples[0]
            let parent = try await appliedFamily(app, anh)
            let campaign = try #require(try await app.domain.campaigns.current())
            let results = Timestamps.display(campaign.windows.resultsAt)
            let confirm = Timestamps.display(campaign.windows.confirmBy)

            let page = try await parent.get(Site.portalReceipt())
            #expect(page.status == .ok)
            for text in ["Giấy tờ đã nộp", "ks.pdf", "Công bố kết quả", results, "Hạn xác nhận nhập học", confirm] {
                #expect(page.body.contains(text), "the receipt page says “\(text)”")
            }
            let pdf = try await parent.get(Site.portalReceiptPDF())
            #expect(pdf.status == .ok)
            let text = try Poppler.text(try Poppler.write(pdf.bytes, name: "bien-nhan"))
            for expected in ["ks.pdf", "Công bố kết quả", results, confirm] {
                #expect(text.contains(expected), "the receipt PDF says “\(expected)”")
            }
        }
    }
}
