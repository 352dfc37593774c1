import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct FirstRunTests {
    @Test func anEmptyDatabaseLeadsEverywhereToSetupUntilItIsDone() async throws {
        try await withHoso { app in
            let browser = TestBrowser(app)
            let home = try await browser.get("/")
            #expect(home.status == .seeOther)
            #expect(home.location == "/setup")
            #expect(try await browser.get("/login").location == "/setup")
            let setup = try await browser.get("/setup")
            #expect(setup.status == .ok)
            #expect(setup.body.contains("Thiết lập lần đầu"))

            let bad = try await browser.post(
                "/setup",
                [
                    ("schoolName", "Trường Tiểu học Lê Lợi"), ("family", "Trần"), ("given", ""),
                    ("username", "hieutruong"), ("password", "ngan"), ("passwordConfirmation", "ngan"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Vui lòng nhập tên của hiệu trưởng."))
            #expect(bad.body.contains("Mật khẩu cần ít nhất 10 ký tự."))
            #expect(bad.body.contains("value=\"Trường Tiểu học Lê Lợi\""))
            #expect(try await SchoolService(database: app.db).isSetUp() == false)

            let good = try await browser.post(
                "/setup",
                [
                    ("schoolName", "Trường Tiểu học Lê Lợi"), ("family", "Trần"), ("middle", "Văn"),
                    ("given", "Hùng"), ("username", "hieutruong"), ("password", "mat-khau-dai-du"),
                    ("passwordConfirmation", "mat-khau-dai-du"),
                ])
            #expect(good.status == .seeOther)
            #expect(good.location == "/login")
            #expect(try await SchoolService(database: app.db).profile()?.name == "Trường Tiểu học Lê Lợi")
            #expect(try await browser.get("/setup").location == "/login")
            try await browser.login("hieutruong", "mat-khau-dai-du")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.body.contains("Trường Tiểu học Lê Lợi"))
            #expect(page.body.contains("Xin chào, Trần Văn Hùng"))
        }
    }
}

@Suite struct LoginTests {
    @Test func loginSetsAHardenedSessionCookieAndLogoutEndsIt() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let browser = TestBrowser(app)
            try await browser.login("hieutruong", DemoSchool.password)
            let cookie = try #require(browser.setCookieHeaders.first { $0.hasPrefix("hoso_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            #expect(try await browser.get("/school/classes").status == .ok)
            let logout = try await browser.post("/logout", [])
            #expect(logout.location == "/login")
            #expect(try await browser.get("/school/classes").location == "/login")
        }
    }

    @Test func wrongPasswordIs401WithTheUsernameKeptAndTheSixthTryIsThrottled() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let browser = TestBrowser(app)
            for _ in 1...5 {
                let page = try await browser.post("/login", [("username", "vanthu"), ("password", "sai-mat-khau")])
                #expect(page.status == .unauthorized)
                #expect(page.body.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
                #expect(page.body.contains("value=\"vanthu\""))
            }
            let throttled = try await browser.post("/login", [("username", "vanthu"), ("password", DemoSchool.password)])
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.body.contains("Vui lòng thử lại sau 15 phút"))
            #expect(throttled.headers.first(name: "Retry-After") != nil)
            #expect(browser.cookies["hoso_session"] == nil)
        }
    }

    @Test func aSecondFactorIsAskedForAfterThePassword() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let browser = TestBrowser(app)
            try await browser.login("quantri", DemoSchool.password)
            let setupPage = try await browser.get("/account/second-factor")
            #expect(setupPage.status == .ok)
            let qr = try await browser.get("/account/second-factor/qr.svg")
            #expect(qr.status == .ok)
            #expect(qr.body.hasPrefix("<svg"))
            let account = try #require(
                try await AccountService(database: app.db, hasher: app.domain.hasher)
                    .list(by: .system()).first { $0.username == "quantri" })
            let secret = try #require(
                try await SecondFactorService(database: app.db, hasher: app.domain.hasher).pendingSecret(for: account.id))
            let totp = try #require(TOTP(base32: secret))
            let wrong = try await browser.post("/account/second-factor/confirm", [("code", "000000")])
            #expect(wrong.status == .unprocessableEntity)
            let confirmed = try await browser.post("/account/second-factor/confirm", [("code", totp.code(step: TOTP.step(at: Date())))])
            #expect(confirmed.status == .ok)
            #expect(confirmed.body.contains("Mã khôi phục"))

            let fresh = TestBrowser(app)
            let login = try await fresh.post("/login", [("username", "quantri"), ("password", DemoSchool.password)])
            #expect(login.location == "/login/code")
            #expect(try await fresh.get("/school/classes").location == "/login/code")
            let bad = try await fresh.post("/login/code", [("code", "111111")])
            #expect(bad.status == .unauthorized)
            #expect(try await fresh.get("/school/classes").location == "/login/code")
        }
    }

    @Test func securityHeadersAreOnEveryPage() async throws {
        try await withHoso { app in
            let page = try await TestBrowser(app).get("/setup")
            let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            let missing = try await TestBrowser(app).get("/khong-co-trang-nay")
            #expect(missing.status == .seeOther || missing.status == .notFound)
        }
    }
}

@Suite struct CSRFTests {
    @Test func aFormWithoutTheTokenIsRefusedAndChangesNothing() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let browser = TestBrowser(app)
            try await browser.login("hieutruong", DemoSchool.password)
            let before = try await ClassService(database: app.db).list(by: .system()).count
            let missing = try await browser.post("/school/classes/new", [("name", "9Z"), ("grade", "1"), ("capacity", "30")], csrf: "")
            #expect(missing.status == .forbidden)
            #expect(missing.body.contains("Phiên làm việc đã hết hạn"))
            let forged = try await browser.post(
                "/school/classes/new", [("name", "9Z"), ("grade", "1"), ("capacity", "30")],
                csrf: String(repeating: "A", count: 43))
            #expect(forged.status == .forbidden)
            #expect(try await ClassService(database: app.db).list(by: .system()).count == before)
        }
    }

    @Test func theLoginFormNeedsTheTokenToo() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let browser = TestBrowser(app)
            try await browser.get("/login")
            let page = try await browser.post("/login", [("username", "hieutruong"), ("password", DemoSchool.password)], csrf: "")
            #expect(page.status == .forbidden)
            #expect(browser.cookies["hoso_session"] == nil)
        }
    }
}
