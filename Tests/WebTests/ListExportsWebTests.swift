import Admissions
import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// Every list in hoso opens in Excel: staff, families, children and codes, applications, the register book and the
/// audit log, each with the rows the page shows; and the staff list comes in from Excel.
@Suite struct ListExportsWebTests {
    static func sheet(_ browser: TestBrowser, _ path: String) async throws -> [[String]] {
        let page = try await browser.get(path)
        #expect(page.status == .ok, "\(path) answered \(page.status)")
        #expect(page.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return try XLSXReader.rows(page.bytes)
    }

    @Test func everyListDownloadsAsAWorkbookWithItsRows() async throws {
        try await withHoso { app in
            _ = try await seedDemoCampaign(app)
            let system = Caller.system()
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)

            let staffPage = try await principal.get(Site.staff())
            #expect(staffPage.body.contains(Site.staffXLSX()))
            let staff = try await Self.sheet(principal, Site.staffXLSX())
            #expect(
                staff.first == [
                    "STT", "Họ và tên", "Tên đăng nhập", "Vai trò năm học này", "Email", "Điện thoại", "Trạng thái", "Xác thực hai lớp",
                ])
            let accounts = try await AccountService(database: app.db, hasher: app.domain.hasher).list(by: system)
            #expect(staff.count == accounts.count + 1)
            #expect(staff.contains { $0.count > 3 && $0[2] == "vanthu" && $0[3] == "Văn thư" })

            let year = try #require(try await SchoolService(database: app.db).years(by: system).first { $0.isCurrent })
            _ = try await DemoPupils(database: app.db).seed()
            let book = try await Self.sheet(principal, Site.registerBookXLSX(year.id))
            #expect(book.first?.first == "Số đăng bộ")
            let entries = try await RegisterService(database: app.db).book(year: year.id, by: system)
            #expect(book.count == entries.lines.count + 1)
            #expect(book.dropFirst().first?[0] == entries.lines.first?.entry.numberText)
            #expect(try await principal.get(Site.years()).body.contains(Site.registerBookXLSX(year.id)))

            let families = try await Self.sheet(principal, Site.contactsXLSX())
            #expect(families.first == ["STT", "Họ và tên", "Điện thoại", "Email", "Con", "Tài khoản"])
            #expect(families.count == (try await FamilyService(database: app.db, hasher: app.domain.hasher).contacts(by: system)).count + 1)

            let audit = try await Self.sheet(principal, Site.auditXLSX(query: ["entity": "class"]))
            #expect(audit.first?.prefix(3) == ["Số", "Thời gian", "Người thực hiện"])
            let classEvents = try await AuditLog(database: app.db).entries(.init(entity: "class"), limit: nil, by: system)
            #expect(audit.count == classEvents.count + 1 && audit.count > 1)
            #expect(audit.dropFirst().allSatisfy { $0[5] == "class" })

            let campaign = try #require(try await CampaignService(database: app.db).current())
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let children = try await Self.sheet(clerk, Site.childrenXLSX(campaign.id))
            #expect(children.first == ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Trường mầm non", "Cha/mẹ", "Mã đăng ký", "Nguồn"])
            let listed = try await ListService(database: app.db).children(of: campaign.id, by: system)
            #expect(children.count == listed.count + 1)
            #expect(children.dropFirst().allSatisfy { !$0[6].isEmpty }, "the clerk's workbook carries the codes")

            let council = TestBrowser(app)
            try await council.login("hoidong", DemoSchool.password)
            let applications = try await Self.sheet(council, Site.reviewQueueXLSX(campaign.id))
            #expect(applications.first?.prefix(3) == ["Số hồ sơ", "Họ và tên trẻ", "Trạng thái"])
            let queue = try await ReviewService(database: app.db).queue(campaign.id, by: system)
            #expect(applications.count == queue.count + 1)

            // A teacher reaches none of them.
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            for path in [Site.staffXLSX(), Site.contactsXLSX(), Site.auditXLSX(), Site.registerBookXLSX(year.id)] {
                #expect(try await teacher.get(path).status == .forbidden, "\(path)")
            }
        }
    }

    @Test func theAuditLogPagesByKeysetAndKeepsTheFilter() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            _ = try await DemoPupils(database: app.db).seed()
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let total = try await AuditLog(database: app.db).entries(.init(), limit: nil, by: .system()).count
            #expect(total > 200, "the demo leaves more than a page")
            let first = try await principal.get(Site.audit())
            #expect(first.status == .ok)
            let next = try #require(first.body.firstMatch(of: /href="(\/audit\?before=\d+)"/)?.1)
            let second = try await principal.get(String(next))
            #expect(second.status == .ok)
            #expect(second.body.contains("Mới nhất"))
            let newest = total
            #expect(first.body.contains("<td class=\"num\">\(newest)</td>"))
            #expect(!second.body.contains("<td class=\"num\">\(newest)</td>"))
            #expect(second.body.contains("<td class=\"num\">\(newest - 200)</td>"))
        }
    }

    @Test func theAdminBoardImportsTheStaffListAndSetsAFirstPassword() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let board = TestBrowser(app)
            try await board.login("quantri", DemoSchool.password)
            let template = try await board.get(Site.staffImportTemplate())
            #expect(template.status == .ok)
            #expect(try XLSXReader.rows(template.bytes).first?.prefix(3) == ["STT", "Họ và tên", "Tên đăng nhập"])
            var csv = "DANH SÁCH GIÁO VIÊN\r\nSTT,Họ và tên,Chức vụ,Điện thoại\r\n"
            csv += "1,Phạm Thị Thu,Giáo viên,0912000555\r\n2,Y Kŏ Êban,Hiệu trưởng,0912000556\r\n"
            let refused = try await board.upload(Site.staffImport(), [], file: ("file", "gv.csv", Array(csv.utf8)))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Chỉ hiệu trưởng giao được vai trò Hiệu trưởng."))
            #expect(!refused.body.contains(Site.staffImportCommit()))
            let fixed = csv.replacingOccurrences(of: "Hiệu trưởng", with: "\"Giáo viên, Văn thư\"")
            let preview = try await board.upload(Site.staffImport(), [], file: ("file", "gv.csv", Array(fixed.utf8)))
            let shown = preview.body.matches(of: #/field-error">([^<]+)</#).map { String($0.1) }
            #expect(preview.status == .ok, "\(shown)")
            #expect(preview.body.contains("thupt") && preview.body.contains("yek"))
            let payload = try #require(preview.body.firstMatch(of: /name="payload" value="([^"]+)"/)?.1)
            let committed = try await board.post(Site.staffImportCommit(), [("payload", String(payload)), ("filename", "gv.csv")])
            #expect(committed.status == .seeOther)
            let list = try await board.get(Site.staff())
            #expect(list.body.contains("Chờ đặt mật khẩu"))
            let accounts = try await AccountService(database: app.db, hasher: app.domain.hasher).list(by: .system())
            let thu = try #require(accounts.first { $0.username == "thupt" })
            #expect(thu.awaitingPassword && thu.isDisabled)
            let newcomer = TestBrowser(app)
            let denied = try await newcomer.post("/login", [("username", "thupt"), ("password", "")])
            #expect(denied.status == .unprocessableEntity || denied.status == .unauthorized)
            let reset = try await board.post(Site.staffResetPassword(thu.id), [("password", "mat-khau-dau-tien-1")])
            #expect(reset.status == .seeOther)
            try await newcomer.login("thupt", "mat-khau-dau-tien-1")
            // A tampered payload is read and checked again like any upload.
            let again = try await board.post(Site.staffImportCommit(), [("payload", String(payload)), ("filename", "gv.csv")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains("Số điện thoại 0912000555 đã thuộc tài khoản thupt."))
        }
    }
}
