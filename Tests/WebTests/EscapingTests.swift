import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Markup typed by a parent comes back as text on every page and in the PDF; bytes no form sends and uploads that
/// lie about their type are refused without a server error.
@Suite struct EscapingTests {
    static let childGiven = "Ánh <b>B</b>"
    static let mother = "Trần <i>Thị</i> Bích<script>alert(1)</script>"
    static let address = "Số 5 <img src=x onerror=alert(1)>"

    @Test func markupInNamesIsShownAsTextOnPagesAndInTheReceiptPDF() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            var fields = completeApplication(samples[0], family: "Nguyễn", middle: "Thị", given: Self.childGiven, gender: "female")
                .filter { !["motherName", "addressLine"].contains($0.0) }
            _ = try await parent.upload(
                "/tuyen-sinh/giay-to", [("kind", "KS")], file: ("file", "ks.pdf", SampleUploads.birthCertificatePDF))
            fields += [
                ("motherName", Self.mother), ("addressLine", Self.address), ("correctionReason", "Tên trên giấy khai sinh <u>khác</u>"),
            ]
            let submitted = try await parent.post("/tuyen-sinh/ho-so", fields)
            #expect(submitted.status == .seeOther)
            let staff = TestBrowser(app)
            try await staff.login("hieutruong", DemoSchool.password)
            let campaign = try #require(try await CampaignService(database: app.db).current())
            let application = try #require(try await ReviewService(database: app.db).queue(campaign.id, by: .system()).first).application
            let pages = [
                ("receipt", try await parent.get("/tuyen-sinh/bien-nhan")),
                ("form", try await parent.get("/tuyen-sinh/ho-so?sua=1")),
                ("desk", try await staff.get("/admissions/desk/\(samples[0].code.symbols)")),
                ("desk search", try await staff.get("/admissions/desk?q=anh")),
                ("review queue", try await staff.get("/admissions/campaigns/\(campaign.id)/review")),
                ("review", try await staff.get("/admissions/review/\(application.id)")),
                ("children", try await staff.get("/admissions/campaigns/\(campaign.id)/children")),
            ]
            for (name, page) in pages {
                #expect(page.status == .ok, "\(name): \(page.status)")
                #expect(!page.body.contains("<script>alert(1)"), "\(name) shows a script tag")
                #expect(!page.body.contains("<img src=x"), "\(name) shows an image tag")
                #expect(!page.body.contains("<b>B</b>") && !page.body.contains("<i>Thị</i>"), "\(name) shows markup")
            }
            #expect(pages[0].1.body.contains("Ánh &lt;b&gt;B&lt;/b&gt;"))
            #expect(
                pages.contains { $0.1.body.contains("Trần &lt;i&gt;Thị&lt;/i&gt; Bích&lt;script&gt;") },
                "the mother's name is shown, as text")
            let pdf = try await parent.get("/tuyen-sinh/bien-nhan.pdf")
            #expect(pdf.status == .ok)
            let text = try Poppler.text(try Poppler.write(pdf.bytes, name: "receipt-markup"))
            #expect(text.contains("<b>B</b>"), "Pango did not read the name as markup")
            #expect(text.contains("<i>Thị</i>"))
        }
    }

    @Test func invalidUTF8AndDecomposedLettersNeverCauseAServerError() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = TestBrowser(app)
            for body in [
                "code=%FF%FE%FD&birthDate=%C3%28", "code=%ED%A0%80&birthDate=%F4%90%80%80", "code=%E0%80%AF&birthDate=0%00",
                "code=\(String(repeating: "%C3", count: 5_000))&birthDate=x",
            ] {
                let page = try await parent.postRaw("/tuyen-sinh", body)
                #expect(page.status.code >= 400 && page.status.code < 500, "\(body.prefix(40)): \(page.status)")
            }
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            let broken = try await parent.postRaw(
                "/tuyen-sinh/ho-so", "childFamily=%FF&childGiven=%C3%28&motherName=%ED%A0%80&action=submit")
            #expect(broken.status == .unprocessableEntity || broken.status == .badRequest)
            // A decomposed name (as some phones type it) is stored composed, and found by the desk without diacritics.
            var fields = completeApplication(
                samples[0], family: "Nguye\u{0302}\u{0303}n", middle: "Thi\u{0323}", given: "A\u{0301}nh", gender: "female")
            fields.append(("correctionReason", "Gõ trên điện thoại"))
            _ = try await parent.upload(
                "/tuyen-sinh/giay-to", [("kind", "KS")], file: ("file", "ks.pdf", SampleUploads.birthCertificatePDF))
            #expect(try await parent.post("/tuyen-sinh/ho-so", fields).status == .seeOther)
            let campaign = try #require(try await CampaignService(database: app.db).current())
            let stored = try #require(try await ReviewService(database: app.db).queue(campaign.id, by: .system()).first).application
            #expect(
                stored.form.childName.full.unicodeScalars.elementsEqual(
                    "Nguyễn Thị Ánh".precomposedStringWithCanonicalMapping.unicodeScalars))
            #expect(try await staffSearch(app, "nguyen thi anh").contains("Nguyễn Thị Ánh"))
        }
    }

    func staffSearch(_ app: Application, _ query: String) async throws -> String {
        let desk = TestBrowser(app)
        try await desk.login("thuongtruc", DemoSchool.password)
        return try await desk.get("/admissions/desk?q=" + TestBrowser.encode(query)).body
    }

    @Test func uploadsThatLieAboutTheirTypeAreRefusedAndNothingIsStored() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            let lies: [(String, String, [UInt8], String)] = [
                (
                    "a program named .pdf", "giay-khai-sinh.pdf", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 100),
                    "Chỉ nhận"
                ),
                ("HTML in front of a PDF", "giay.pdf", Array("<html><script>alert(1)</script>".utf8) + SampleFiles.pdf(), "Chỉ nhận"),
                (
                    "a JPEG with a ZIP behind it", "anh.jpg",
                    SampleFiles.jpeg(width: 100, height: 100, trailer: Array("PK\u{03}\u{04}payload".utf8)), ""
                ),
                (
                    "a PDF with JavaScript", "giay.pdf",
                    SampleFiles.pdf("1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"), ""
                ),
                ("a PNG decompression bomb", "anh.png", SampleFiles.png(width: 50_000, height: 50_000), ""),
                ("an empty file", "trong.pdf", [], "Vui lòng chọn tệp"),
            ]
            for (name, filename, bytes, message) in lies {
                let page = try await parent.upload("/tuyen-sinh/giay-to", [("kind", "KS")], file: ("file", filename, bytes))
                #expect(page.status == .unprocessableEntity, "\(name): \(page.status)")
                #expect(page.body.contains("field-file-error"), "\(name): the refusal stands next to the file field")
                if !message.isEmpty { #expect(page.body.contains(message), "\(name): \(message)") }
            }
            let oversize = try await parent.upload(
                "/tuyen-sinh/giay-to", [("kind", "KS")],
                file: ("file", "to.pdf", SampleFiles.pdf() + Array(repeating: 0x20, count: 7 * 1_048_576)))
            // 413 when the body streams in over a socket (the CSRF check collects at most 6 MB), 422 when it arrives whole.
            #expect(oversize.status == .payloadTooLarge || oversize.status == .unprocessableEntity)
            #expect(oversize.body.contains("5 MB"))
            let stored = (try? FileManager.default.contentsOfDirectory(atPath: app.config.uploadsDirectory)) ?? []
            #expect(stored.isEmpty, "no refused file was kept: \(stored)")
        }
    }
}
