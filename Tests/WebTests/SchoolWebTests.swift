import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct SchoolWebTests {
    @Test func creatingAClassShowsProblemsKeepsValuesAndThenSaves() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let browser = TestBrowser(app)
            try await browser.login("hieutruong", DemoSchool.password)
            let hoa = try #require(
                try await AccountService(database: app.db, hasher: app.domain.hasher).list(by: .system())
                    .first { $0.username == "dothihoa" })
            let bad = try await browser.post(
                "/school/classes/new",
                [
                    ("name", ""), ("grade", "1"), ("homeroomTeacherID", hoa.id.description),
                    ("room", "P.204"), ("capacity", "40"), ("version", "0"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Vui lòng nhập tên lớp."))
            #expect(bad.body.contains("Mỗi lớp có tối đa 35 học sinh."))
            #expect(bad.body.contains("value=\"P.204\""))
            #expect(bad.body.contains("<option value=\"\(hoa.id)\" selected>"))
            #expect(try await ClassService(database: app.db).list(by: .system()).count == 15)

            let good = try await browser.post(
                "/school/classes/new",
                [
                    ("name", "1D"), ("grade", "1"), ("homeroomTeacherID", hoa.id.description),
                    ("room", "P.204"), ("capacity", "35"), ("version", "0"),
                ])
            #expect(good.status == .seeOther)
            let current = try await SchoolService(database: app.db).currentYear()
            #expect(good.location == "/school/classes?year=\(current.id)")
            let list = try await browser.get("/school/classes")
            #expect(list.body.contains("Đã tạo lớp 1D năm học 2026-2027."))

            // Next year's grade-1 classes are made before it starts, without making it current.
            let next = try await SchoolService(database: app.db).createYear(startYear: 2027, dates: nil, by: .system())
            let form = try await browser.get("/school/classes/new?year=\(next.id)")
            #expect(form.body.contains("Thêm lớp năm học 2027-2028"))
            #expect(form.body.contains("name=\"year\" value=\"\(next.id)\""))
            let made = try await browser.post(
                "/school/classes/new",
                [
                    ("name", "1A"), ("grade", "1"), ("room", ""), ("capacity", "35"),
                    ("version", "0"), ("year", next.id.description),
                ])
            #expect(made.location == "/school/classes?year=\(next.id)")
            #expect(try await ClassService(database: app.db).list(year: next.id, by: .system()).map(\.name) == ["1A"])
            #expect(try await SchoolService(database: app.db).currentYear().id == current.id)
            let nextList = try await browser.get("/school/classes?year=\(next.id)")
            #expect(nextList.body.contains("Lớp học năm học 2027-2028"))
            #expect(nextList.body.contains("2026-2027 (hiện tại)"))
            let stored = try #require(try await ClassService(database: app.db).list(by: .system()).first { $0.name == "1D" })
            #expect(stored.homeroomTeacherID == hoa.id)
            #expect(stored.room == "P.204")
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Phân công chủ nhiệm lớp 1D: Đỗ Thị Hoa"))
            let csv = try await browser.get("/audit.csv?entity=class")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.hasPrefix("\u{FEFF}Số,Thời gian"))
            #expect(csv.body.contains("Tạo lớp 1D"))
            #expect(!csv.body.contains("Tạo tài khoản"))
        }
    }

    @Test func eachRoleSeesOnlyWhatItMay() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get("/school/classes").status == .ok)
            #expect(try await teacher.get("/admin/accounts").status == .forbidden)
            #expect(try await teacher.get("/audit").status == .forbidden)
            #expect(try await teacher.get("/school/classes/new").status == .forbidden)
            let refused = try await teacher.post("/school/classes/new", [("name", "9Z"), ("grade", "1"), ("capacity", "30")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("Không có quyền truy cập"))

            let inspector = TestBrowser(app)
            try await inspector.login("thanhtra", DemoSchool.password)
            #expect(try await inspector.get("/audit").status == .ok)
            #expect(try await inspector.get("/school/classes").status == .ok)
            #expect(try await inspector.post("/school/profile", [("name", "Đổi tên")]).status == .forbidden)
            #expect(try await SchoolService(database: app.db).profile()?.name == DemoSchool.schoolName)

            let admin = TestBrowser(app)
            try await admin.login("quantri", DemoSchool.password)
            #expect(try await admin.get("/admin/accounts").status == .ok)
            #expect(try await admin.post("/admin/security", [("required", "true")]).status == .forbidden)
            #expect(try await SchoolService(database: app.db).profile()?.requireSecondFactor == false)
        }
    }

    @Test func staffAccountsAreCreatedDisabledAndReenabledNeverDeleted() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let admin = TestBrowser(app)
            try await admin.login("quantri", DemoSchool.password)
            let bad = try await admin.post(
                "/admin/accounts/new", [("username", "x"), ("family", "Lê"), ("given", "Anh"), ("password", "abc")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("value=\"Lê\""))
            let created = try await admin.post(
                "/admin/accounts/new",
                [
                    ("username", "le.anh"), ("family", "Lê"), ("middle", "Văn"), ("given", "Anh"),
                    ("password", "mat-khau-dai-du"), ("roles[]", "teacher"),
                ])
            #expect(created.status == .seeOther)
            let path = try #require(created.location)
            #expect(try await admin.post(path + "/disable", []).status == .seeOther)
            let teacher = TestBrowser(app)
            let refused = try await teacher.post("/login", [("username", "le.anh"), ("password", "mat-khau-dai-du")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("đã bị khoá"))
            #expect(try await admin.post(path + "/enable", []).status == .seeOther)
            try await teacher.login("le.anh", "mat-khau-dai-du")
            let accounts = try await AccountService(database: app.db, hasher: app.domain.hasher).list(by: .system())
            #expect(accounts.contains { $0.username == "le.anh" && !$0.isDisabled })
        }
    }

    @Test func ownSessionsAreListedAndCanBeEnded() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let phone = TestBrowser(app)
            try await phone.login("vanthu", DemoSchool.password)
            let desk = TestBrowser(app)
            try await desk.login("vanthu", DemoSchool.password)
            let account = try await desk.get("/account")
            #expect(account.status == .ok)
            let rows = account.body.components(separatedBy: "<tr>").filter { $0.contains("/account/sessions/") }
            #expect(rows.count == 2)
            let other = try #require(rows.first { !$0.contains("Phiên này") })
            let path = "/account/sessions/" + other.components(separatedBy: "action=\"/account/sessions/")[1].prefix { $0 != "\"" }
            #expect(try await desk.post(path, []).status == .seeOther)
            #expect(try await phone.get("/school/classes").location == "/login")
            #expect(try await desk.get("/school/classes").status == .ok)
        }
    }

    @Test func cookiesAreSecureBehindHTTPS() async throws {
        let app = try await Application.make(.testing)
        var config = AppConfig.testing(storage: .sqliteMemory)
        config.publicURL = "https://hoso.truong.edu.vn"
        do {
            try await configure(app, config)
            let page = try await TestBrowser(app).get("/setup")
            let csrf = try #require(page.headers[.setCookie].first { $0.hasPrefix("hoso_csrf=") })
            #expect(csrf.contains("Secure"))
            #expect(page.headers.first(name: "Strict-Transport-Security") != nil)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
