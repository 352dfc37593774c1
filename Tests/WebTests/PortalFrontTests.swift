import Admissions
import Fluent
import Foundation
import NIOCore
import Records
import SQLKit
import TestSupport
import Testing
import Vapor
import VaporTestUtils
import VaporTesting

@testable import Web

/// Small things with big effects on a cheap phone: the landing page says once that it is open and until when, as
/// people say it; the header names the admissions year; a draft names nobody who did not enter it; pages are
/// compressed and static files cached for a year under fingerprinted names.
@Suite struct PortalFrontTests {
    @Test func aMidnightDeadlineIsTheEndOfTheDayBefore() throws {
        let midnight = try #require(SchoolDate(year: 2027, month: 3, day: 3)).startOfDay
        #expect(PortalPages.CampaignSummary.deadline(midnight) == "hết ngày 02/03/2027")
        #expect(PortalPages.CampaignSummary.deadline(midnight.addingTimeInterval(17 * 3600)) == "17:00 ngày 03/03/2027")
    }

    @Test func theLandingPageSaysOnceUntilWhenAndNamesTheAdmissionsYear() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let landing = try await TestBrowser(app).get(Site.portal())
            #expect(landing.status == .ok)
            #expect(!landing.body.contains("Đang mở Đang mở") && !landing.body.contains("Đang mở đăng ký"))
            #expect(landing.body.contains("Nhận hồ sơ trực tuyến đến"))
            #expect(landing.body.contains("Tuyển sinh năm học 2027-2028"))
            #expect(!landing.body.contains("Năm học 2026-2027"), "not the school's current year")

            let parent = TestBrowser(app)
            _ = try await parent.post(Site.portal(), [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            _ = try await parent.post(Site.portalApplication(), [("childGiven", "Ánh"), ("action", "draft")])
            let draft = try await parent.get(Site.portalApplication())
            #expect(draft.body.contains("Đang soạn"))
            #expect(!draft.body.contains("thường trực bởi ."), "a draft the family typed names no desk")
        }
    }

    @Test func pagesAreCompressedAndStaticFilesCachedUnderFingerprints() async throws {
        try await withHoso { app in
            _ = try await seedDemoCampaign(app)
            #expect(Assets.stylesheet.contains("?v="), "run from the repository, the stylesheet is fingerprinted")
            let pinned = try await TestBrowser(app).get(Assets.stylesheet)
            #expect(pinned.status == .ok)
            #expect(pinned.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            let bare = try await TestBrowser(app).get("/css/hoso.css")
            #expect(bare.headers.first(name: .cacheControl) == "no-cache")
            #expect(try await TestBrowser(app).get(Assets.favicon).status == .ok)
            let landing = try await TestBrowser(app).get(Site.portal())
            #expect(landing.body.contains(Assets.stylesheet) && landing.body.contains(Assets.favicon))
            // The fonts are preloaded under the very links the stylesheet uses, so each is fetched once, with the
            // stylesheet, and kept for a year.
            let stylesheet = try String(contentsOfFile: "Public/css/hoso.css", encoding: .utf8)
            for font in Assets.fonts {
                #expect(font.contains("?v="))
                #expect(stylesheet.contains(#"url("..\#(font)")"#), "hoso.css names \(font): update its @font-face")
                #expect(landing.body.contains(#"<link rel="preload" href="\#(font)" as="font""#))
                #expect(try await TestBrowser(app).get(font).headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            }

            let served = try app.testing(method: .running(port: 0))
            let page = try await served.sendRequest(.GET, Site.portal(), headers: ["Accept-Encoding": "gzip"])
            #expect(page.status == .ok)
            #expect(page.headers.first(name: .contentEncoding) == "gzip")
            let css = try await served.sendRequest(.GET, Assets.stylesheet, headers: ["Accept-Encoding": "gzip"])
            #expect(css.headers.first(name: .contentEncoding) == "gzip")
        }
    }

    /// The landing page is rendered once and kept: each visitor still gets their own CSRF token in the form and the
    /// cookie, a change made by another process shows once the copy is old, a change by staff here at once, and a
    /// visitor with a prefilled code gets a page of their own.
    @Test func theLandingPageIsKeptRenderedWithEachVisitorsOwnToken() async throws {
        try await withHoso(
            adjusting: { $0.pageCacheSeconds = 600 },
            body: { app in
                _ = try await seedDemoCampaign(app)
                let first = TestBrowser(app)
                let a = try await first.get(Site.portal())
                #expect(a.status == .ok)
                #expect(a.body.contains("Nhận hồ sơ trực tuyến đến"))
                let second = TestBrowser(app)
                let b = try await second.get(Site.portal())
                #expect(first.csrf.count == 43 && second.csrf.count == 43 && first.csrf != second.csrf)
                #expect(a.body.contains(#"value="\#(first.csrf)""#) && !a.body.contains(RenderedPageCache.placeholder))
                #expect(b.body.contains(#"value="\#(second.csrf)""#) && !b.body.contains(first.csrf), "no visitor sees another's token")

                // Changed behind this server's back, as another node would: the kept copy is still shown.
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw("UPDATE admission_campaigns SET title = 'Tuyển sinh đã đổi tên'").run()
                #expect(!(try await TestBrowser(app).get(Site.portal())).body.contains("Tuyển sinh đã đổi tên"))
                let prefilled = try await TestBrowser(app).get(Site.portal(query: ["ma": "K7QM4XRT9C"]))
                #expect(
                    prefilled.body.contains("K7QM4XRT9C") && prefilled.body.contains("Tuyển sinh đã đổi tên"), "a prefilled page is its own"
                )

                // Any change by staff on this node drops the copy.
                let staff = TestBrowser(app)
                try await staff.login("quantri", DemoSchool.password)
                // Signed in, a visitor is never handed the kept copy: the page names them.
                let own = try await staff.get(Site.portal())
                #expect(own.status == .ok && own.body.contains(#"class="user-name""#), "a signed-in visitor gets their own page")
                let out = try await staff.post(Site.logout(), [])
                #expect(out.status == .seeOther)
                let fresh = try await TestBrowser(app).get(Site.portal())
                #expect(fresh.status == .ok && fresh.body.contains("Tuyển sinh đã đổi tên"))

                // A copy never outlives the moment the page changes by itself (a window opening or closing).
                let cache = app.landingPageCache
                let kept = try #require(cache.response(for: Request(application: app, on: app.eventLoopGroup.any())))
                #expect(kept.status == .ok)
                let request = Request(application: app, on: app.eventLoopGroup.any())
                _ = cache.store(kept, until: Date().addingTimeInterval(30), for: request)
                #expect(cache.response(for: request, now: Date().addingTimeInterval(29)) != nil)
                #expect(cache.response(for: request, now: Date().addingTimeInterval(31)) == nil, "the first visitor renders it again")
                // Meanwhile the others get the old copy rather than all rendering it, for a few seconds at most.
                #expect(cache.response(for: request, now: Date().addingTimeInterval(32)) != nil)
                #expect(cache.response(for: request, now: Date().addingTimeInterval(31 + RenderedPageCache.refreshLimit + 1)) == nil)
            })
    }
}
