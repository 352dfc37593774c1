import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The summary tables of 4A at CK1 signed by the English teacher, then the homeroom teacher, each a revision of the
/// same PDF/A that pdfsig and hoso's verifier find valid and trusted; a certificate in another name, a second
/// signature and a teacher of another class are refused, and nothing is stored for them.
@Suite struct SummarySigningWebTests {
    @Test func theClassTeachersSignTheSummaryTablesInTurn() async throws {
        try await withHoso { app in
            let (_, class4A, _) = try await AssessmentWebTests.demo4A(app)
            let roster = try await RosterService(database: app.db).roster(class: class4A.id, by: .system())
            let homeroomName = try #require(roster.homeroomTeacherName)
            let ca = try TrialCA.make(signers: [("english", "Hoàng Văn Nam"), ("homeroom", homeroomName), ("other", "Người Khác")])
            let page = Site.summarySigning(class4A.id, query: ["checkpoint": "endTerm1"])
            func sign(_ browser: TestBrowser, _ name: String) async throws -> (HTTPStatus, String) {
                let response = try await browser.upload(
                    Site.summarySigning(class4A.id), [("passphrase", ca.passphrase(name)), ("checkpoint", "endTerm1")],
                    file: ("file", "\(name).p12", try ca.pkcs12(name)))
                guard response.status == .seeOther else { return (response.status, "") }
                return (response.status, try await browser.get(response.location ?? "").body)
            }
            let english = TestBrowser(app)
            try await english.login("gvbm.tienganh", DemoSchool.password)
            #expect(try await english.get(page).body.contains("Chưa ai ký."))
            #expect(try await sign(english, "other").1.contains("mang tên “Người Khác”"))
            #expect(try await rowCount("signed_documents", on: app.db) == 0)
            #expect(try await sign(english, "english").1.contains("Đã ký bảng tổng hợp Cuối học kì I"))
            #expect(try await sign(english, "english").1.contains("Hoàng Văn Nam đã ký bảng tổng hợp này"))

            let stranger = TestBrowser(app)
            try await stranger.login("gvcn.4b", DemoSchool.password)
            #expect(try await sign(stranger, "other").0 == .forbidden)

            let homeroom = TestBrowser(app)
            try await homeroom.login("gvcn.4a", DemoSchool.password)
            let shown = try await sign(homeroom, "homeroom").1
            #expect(shown.contains("<li>Hoàng Văn Nam</li><li>\(homeroomName)</li>"), "\(shown)")
            let signed = try await homeroom.get(Site.summarySignedPDF(class4A.id, query: ["checkpoint": "endTerm1"])).bytes
            let verdicts = PDFVerifier.verify(signed, trusting: try [UInt8](Data(contentsOf: ca.caPEM)))
            #expect(verdicts.map(\.signer) == ["Hoàng Văn Nam", homeroomName] && verdicts.allSatisfy { $0.intact && $0.trusted == true })
            let report = try Poppler.run(
                "pdfsig", ["-nssdir", try ca.trustStore(), try Poppler.write(signed).path], package: "poppler-utils")
            #expect(report.components(separatedBy: "Signature is Valid.").count - 1 == 2, "\(report)")
            #expect(String(decoding: signed, as: UTF8.self).contains("<pdfaid:part>2</pdfaid:part>"))
            #expect(try await rowCount("signed_documents", on: app.db) == 1)
        }
    }
}
