import Admissions
import Foundation
import Records
import Testing
import Vapor
import VaporTestUtils
import VaporTesting

@testable import Web

/// Every response carries the security headers: pages, error pages of every status, the CSRF refusal, the busy
/// page and redirects, including those thrown on the way out.
@Suite struct SecurityHeaderTests {
    static func expectSecurityHeaders(_ page: Page, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cache-Control"] {
            #expect(page.headers.first(name: name) != nil, "\(what) (\(page.status.code)) lacks \(name)", sourceLocation: sourceLocation)
        }
        #expect(
            page.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, sourceLocation: sourceLocation)
        #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
    }

    @Test func errorPagesAndRedirectsCarryTheHeaders() async throws {
        try await withHoso { app in
            _ = try await seedDemoCampaign(app)
            let visitor = TestBrowser(app)
            let notFound = try await visitor.get("/khong-co-trang-nay")
            #expect(notFound.status == .notFound)
            Self.expectSecurityHeaders(notFound, "404")
            #expect(notFound.body.contains("Về trang chủ"))
            // A family's error page leads back to the portal, not to the staff login.
            let portalMiss = try await visitor.get(Site.portal() + "/khong-co-trang-nay")
            #expect(portalMiss.body.contains(#"href="/tuyen-sinh">Về trang tuyển sinh"#), "\(portalMiss.status)")
            let forged = try await visitor.post(Site.login(), [("username", "x"), ("password", "y")], csrf: "")
            #expect(forged.status == .forbidden)
            Self.expectSecurityHeaders(forged, "the CSRF refusal")
            let thrownRedirect = try await visitor.get(Site.portalApplication())
            #expect(thrownRedirect.status.code / 100 == 3)
            Self.expectSecurityHeaders(thrownRedirect, "a redirect thrown by the portal")
            let badBody = try await visitor.postRaw(Site.portal(), "code=%E0%A4%A")
            #expect(badBody.status.code / 100 == 4, "\(badBody.status)")
            Self.expectSecurityHeaders(badBody, "a malformed form")

            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            let forbidden = try await teacher.get(Site.staff())
            #expect(forbidden.status == .forbidden)
            Self.expectSecurityHeaders(forbidden, "403")
            let loggedIn = try await TestBrowser(app).post(Site.login(), [("username", "gvcn.1a"), ("password", DemoSchool.password)])
            #expect(loggedIn.status == .seeOther)
            Self.expectSecurityHeaders(loggedIn, "the redirect after login")

            // Through a real socket: the in-memory test client hands the body over whole, past the size check.
            let tooLarge = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, Site.portalDocuments(), headers: ["Content-Type": "multipart/form-data; boundary=x"],
                body: ByteBuffer(repeating: 0xFF, count: 17 * 1024 * 1024))
            #expect(tooLarge.status == .payloadTooLarge, "\(tooLarge.status)")
            #expect(String(buffer: tooLarge.body).contains("Mỗi tệp tối đa 5 MB"), "a parent is told what to do, not a bare 413")
            Self.expectSecurityHeaders(
                Page(status: tooLarge.status, headers: tooLarge.headers, body: "", bytes: []), "413")

            for attempt in 0..<6 {
                let page = try await TestBrowser(app).post(Site.login(), [("username", "quantri"), ("password", "sai-\(attempt)")])
                if attempt == 5 {
                    #expect(page.status == .tooManyRequests)
                    Self.expectSecurityHeaders(page, "429")
                }
            }
        }
    }

    /// The CSRF token is drawn only for a page that carries a form: a probe or a file sets no cookie, and a form
    /// page's cookie is the token its form holds, accepted on the post.
    @Test func onlyAPageWithAFormDrawsACSRFToken() async throws {
        try await withHoso { app in
            _ = try await seedDemoCampaign(app)
            let probe = TestBrowser(app)
            let health = try await probe.get(Site.healthz())
            #expect(health.status == .ok)
            #expect(health.body == "ok")
            Self.expectSecurityHeaders(health, "/healthz")
            #expect(!health.headers[.setCookie].contains { $0.hasPrefix("hoso_csrf=") }, "/healthz sets no CSRF cookie")
            let style = try await probe.get(Assets.stylesheet)
            #expect(style.status == .ok)
            #expect(style.headers[.setCookie].isEmpty, "a file sets no cookie")
            #expect(probe.csrf.isEmpty)

            let form = try await probe.get(Site.portal())
            #expect(form.status == .ok)
            let token = probe.csrf
            #expect(token.count == 43)
            #expect(form.body.contains(#"value="\#(token)""#), "the form holds the cookie's token")
            let again = try await probe.get(Site.portal())
            #expect(!again.headers[.setCookie].contains { $0.hasPrefix("hoso_csrf=") }, "a visitor holding a token keeps it")
            let lookup = try await probe.post(Site.portal(), [("code", "KHONG-CO"), ("birthDate", "01/01/2020")])
            #expect(lookup.status != .forbidden, "the drawn token is accepted: \(lookup.status)")
        }
    }
}
