import Admissions
import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct PortalWebTests {
    @Test func aParentAppliesWithACodeAndASecondSubmitGivesTheSameReceipt() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let anh = samples[0]
            let parent = TestBrowser(app)
            let landing = try await parent.get("/tuyen-sinh?ma=\(anh.code.symbols)")
            #expect(landing.status == .ok)
            #expect(landing.body.contains("value=\"\(anh.code.symbols)\""))
            let opened = try await parent.post(
                "/tuyen-sinh", [("code", anh.code.display.lowercased()), ("birthDate", anh.birthDate.display)])
            #expect(opened.location == "/tuyen-sinh/ho-so")
            let form = try await parent.get("/tuyen-sinh/ho-so")
            #expect(form.body.contains("value=\"Ánh\""))

            let missing = try await parent.post(
                "/tuyen-sinh/ho-so", [("childFamily", "Nguyễn"), ("childGiven", "Ánh"), ("action", "submit")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.contains("Cần đồng ý cho nhà trường xử lý dữ liệu cá nhân"))

            let fields = completeApplication(anh, family: "Nguyễn", middle: "Thị", given: "Ánh", gender: "female")
            let withoutCertificate = try await parent.post("/tuyen-sinh/ho-so", fields)
            #expect(withoutCertificate.status == .unprocessableEntity)
            #expect(withoutCertificate.body.contains("Cần tải lên: Bản sao giấy khai sinh."))
            _ = try await parent.upload(
                "/tuyen-sinh/giay-to", [("kind", "KS")], file: ("file", "ks.pdf", SampleUploads.birthCertificatePDF))
            let first = try await parent.post("/tuyen-sinh/ho-so", fields)
            #expect(first.location == "/tuyen-sinh/bien-nhan")
            let second = try await parent.post("/tuyen-sinh/ho-so", fields)
            #expect(second.location == "/tuyen-sinh/bien-nhan")
            let receipt = try await parent.get("/tuyen-sinh/bien-nhan")
            #expect(receipt.status == .ok)
            #expect(receipt.body.contains(#"Biên nhận hồ sơ số <span class="nowrap">2027-00001</span>"#))
            let stored = try await rowCount("admission_applications", on: app.db)
            #expect(stored == 1)
        }
    }

    @Test func aWrongDateOfBirthGivesOneNeutralMessageAndTheCodeLocksAfterFive() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let browser = TestBrowser(app)
            let wrongDate = try await browser.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", "01/01/2021")])
            let unknown = try await browser.post("/tuyen-sinh", [("code", RegistrationCode.random().display), ("birthDate", "01/01/2021")])
            #expect(wrongDate.status == .unprocessableEntity)
            #expect(unknown.status == .unprocessableEntity)
            let neutral = "Mã số hoặc ngày sinh không khớp."
            #expect(wrongDate.body.contains(neutral) && unknown.body.contains(neutral))
            for _ in 0..<4 { _ = try await browser.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", "02/01/2021")]) }
            let locked = try await browser.post(
                "/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("024 3825 1234"))
        }
    }

    @Test func aParentNeverSeesAnotherFamilysApplication() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let first = TestBrowser(app)
            _ = try await first.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            _ = try await first.upload("/tuyen-sinh/giay-to", [("kind", "KS")], file: ("file", "ks.pdf", SampleUploads.birthCertificatePDF))
            _ = try await first.post(
                "/tuyen-sinh/ho-so", completeApplication(samples[0], family: "Nguyễn", middle: "Thị", given: "Ánh", gender: "female"))
            let second = TestBrowser(app)
            #expect(try await second.get("/tuyen-sinh/bien-nhan").location == "/tuyen-sinh")
            _ = try await second.post("/tuyen-sinh", [("code", samples[1].code.display), ("birthDate", samples[1].birthDate.display)])
            let page = try await second.get("/tuyen-sinh/ho-so")
            #expect(page.body.contains("Lê Văn Anh"))
            #expect(!page.body.contains("Trần Thị Bích"))
            #expect(try await second.get("/tuyen-sinh/bien-nhan").location == "/tuyen-sinh/ho-so")
        }
    }

    @Test func theDeskAppliesOnAParentsBehalfAndAnswersTheirQuestion() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let bao = samples[2]
            let desk = TestBrowser(app)
            try await desk.login("thuongtruc", DemoSchool.password)
            let found = try await desk.get("/admissions/desk?q=tran duc bao")
            #expect(found.status == .ok)
            #expect(found.body.contains(bao.code.display))
            let saved = try await desk.post(
                "/admissions/desk/\(bao.code.symbols)/form",
                completeApplication(bao, family: "Trần", middle: "Đức", given: "Bảo", gender: "male"))
            #expect(saved.location == "/admissions/desk/\(bao.code.symbols)")
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", bao.code.display), ("birthDate", bao.birthDate.display)])
            _ = try await parent.post("/tuyen-sinh/hoi", [("body", "Khi nào có kết quả ạ?")])
            #expect(
                try await desk.post("/admissions/desk/\(bao.code.symbols)/messages", [("body", "Ngày 12/07 nhà trường công bố.")]).status
                    == .seeOther)
            let receipt = try await parent.get("/tuyen-sinh/bien-nhan")
            #expect(receipt.body.contains("nhập tại bàn thường trực bởi Hoàng Thị Thu"))
            #expect(receipt.body.contains("Khi nào có kết quả ạ?"))
            #expect(receipt.body.contains("Ngày 12/07 nhà trường công bố."))
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get("/admissions/desk?q=bao").status == .forbidden)
        }
    }
}

@Suite struct UploadWebTests {
    @Test func aBirthCertificateIsStoredOutsidePublicAndAnExecutableIsRefused() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            let fake = try await parent.upload(
                "/tuyen-sinh/giay-to", [("kind", "KS")],
                file: ("file", "giay-khai-sinh.pdf", [0x4D, 0x5A] + Array(repeating: 0x90, count: 64)))
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.body.contains("Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF."))
            let stored = try await parent.upload(
                "/tuyen-sinh/giay-to", [("kind", "KS")],
                file: ("file", "giay-khai-sinh.pdf", SampleUploads.birthCertificatePDF))
            #expect(stored.status == .seeOther)
            let page = try await parent.get("/tuyen-sinh/ho-so?sua=1")
            #expect(page.body.contains("giay-khai-sinh.pdf"))
            let files = try FileManager.default.contentsOfDirectory(atPath: app.config.uploadsDirectory)
            #expect(files.count == 1)
            #expect(!app.config.uploadsDirectory.contains("Public"))
            let href = try #require(
                page.body.components(separatedBy: "href=\"/tuyen-sinh/giay-to/").dropFirst().first?.prefix { $0 != "\"" })
            let download = try await parent.get("/tuyen-sinh/giay-to/\(href)")
            #expect(download.bytes == SampleUploads.birthCertificatePDF)
            #expect(download.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            let stranger = TestBrowser(app)
            _ = try await stranger.post("/tuyen-sinh", [("code", samples[1].code.display), ("birthDate", samples[1].birthDate.display)])
            #expect(try await stranger.get("/tuyen-sinh/giay-to/\(href)").status == .notFound)
        }
    }
}
