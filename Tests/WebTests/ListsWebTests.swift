import Admissions
import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct ListsWebTests {
    static let header = "Họ và tên,Ngày sinh,Giới tính,Mã định danh,Họ tên cha mẹ,Số điện thoại,Địa chỉ,Lý do\r\n"

    @Test func theClerkImportsAListPrintsSlipsAndThePrincipalsReportCountsThem() async throws {
        try await withHoso { app in
            _ = try await seedDemoCampaign(app)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let campaign = try #require(try await CampaignService(database: app.db).current())
            let created = try await clerk.post("/admissions/campaigns/\(campaign.id)/kindergartens", [("name", "Trường Mầm non Sao Mai")])
            #expect(created.status == .seeOther)
            let kg = try #require(
                try await ListService(database: app.db).kindergartens(of: campaign.id, by: .system())
                    .first { $0.name == "Trường Mầm non Sao Mai" })
            // One bad row (born 2023) refused first.
            let bad = Array(
                (Self.header + "Pha\u{0323}m Minh Tri\u{0301},01/02/2021,Nam,,Phạm Văn Tú,0901234567,,\r\nLò Thị Mỷ,01/02/2023,Nữ,,,,,\r\n")
                    .utf8)
            let refused = try await clerk.upload(
                "/admissions/campaigns/\(campaign.id)/import", [("kindergartenID", kg.id.description)],
                file: ("file", "sao-mai.csv", bad))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("chưa đủ tuổi vào lớp 1"))
            #expect(!refused.body.contains("/commit"))
            let good = Array(
                (Self.header + "Pha\u{0323}m Minh Tri\u{0301},01/02/2021,Nam,,Phạm Văn Tú,0901234567,,\r\nLò Thị Mỷ,01/02/2021,Nữ,,,,,\r\n")
                    .utf8)
            let preview = try await clerk.upload(
                "/admissions/campaigns/\(campaign.id)/import", [("kindergartenID", kg.id.description)],
                file: ("file", "sao-mai.csv", good))
            #expect(preview.status == .ok)
            let commitPath = try #require(
                preview.body.components(separatedBy: "action=\"").dropFirst()
                    .map { String($0.prefix { $0 != "\"" }) }.first { $0.hasSuffix("/commit") })
            let committed = try await clerk.post(commitPath, [])
            #expect(committed.status == .seeOther)
            let children = try await ListService(database: app.db).children(of: campaign.id, kindergarten: kg.id, by: .system())
            #expect(children.map(\.entry.name.full) == ["Lò Thị Mỷ", "Phạm Minh Trí"])

            let slips = try await clerk.get("/admissions/kindergartens/\(kg.id)/slips.pdf")
            #expect(slips.status == .ok)
            #expect(slips.headers.contentType?.subType == "pdf")
            let pdf = try Poppler.write(slips.bytes, name: "slips")
            let text = try Poppler.text(pdf)
            #expect(text.contains("Phạm Minh Trí"))
            #expect(text.contains("Lò Thị Mỷ"))
            for child in children { #expect(text.contains(try #require(child.code).display)) }
            #expect(try Poppler.fonts(pdf).allSatisfy(\.embedded))
            let links = try Poppler.qrCodes(pdf)
            #expect(Set(links) == Set(children.map { AdmissionPrintouts.portalLink(app.config.publicURL, code: $0.code!) }))

            #expect(
                try await clerk.post(
                    "/admissions/kindergartens/\(kg.id)/handover",
                    [
                        ("handedBy", "Lê Thị Mai"),
                        ("receivedBy", "Cô Hương"),
                    ]
                ).status == .seeOther)
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let report = try await AdmissionsReport.build(campaign.id, on: app.db, by: .system())
            let line = try #require(report.byKindergarten.first { $0.label == "Trường Mầm non Sao Mai" })
            #expect(line.listed == 2 && line.codes == 2 && line.handedOver == 2)
            #expect(report.total.listed == 14)
            let page = try await principal.get("/admissions/campaigns/\(campaign.id)/report")
            #expect(page.status == .ok)
            let csv = try await principal.get("/admissions/campaigns/\(campaign.id)/report.csv")
            #expect(csv.body.contains("Trường mầm non,Trường Mầm non Sao Mai,2,2,2,0,0,0"))
            let workbook = try await principal.get("/admissions/campaigns/\(campaign.id)/report.xlsx")
            #expect(workbook.status == .ok)
            let rows = try XLSXReader.rows(workbook.bytes, sheet: "Trường mầm non")
            #expect(rows.contains(["Trường Mầm non Sao Mai", "2", "2", "2", "0", "0", "0"]))
        }
    }
}
