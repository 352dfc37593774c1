import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The clerk pages through the demo school's 500 pupils, searches without diacritics and downloads the list as Excel;
/// a teacher may not read the whole register.
@Suite struct PupilsWebTests {
    @Test func theClerkPagesSearchesAndExportsThePupils() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            try await DemoPupils(database: app.db).seed()
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let first = try await clerk.get(Site.pupils())
            #expect(first.status == .ok)
            let links = { (page: Page) in
                page.body.components(separatedBy: "href=\"/register/students/").count - 1
            }
            #expect(links(first) == 100)
            let next = try #require(
                first.body.range(of: "href=\"/register/students?after=").map { range in
                    String(first.body[range.upperBound...].prefix { $0 != "\"" })
                })
            let second = try await clerk.get("/register/students?after=" + next.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(second.status == .ok && links(second) == 100 && second.body.contains("Trang đầu"))
            let plain = try await clerk.get(Site.pupils(query: ["q": "THI ANH"]))
            let marked = try await clerk.get(Site.pupils(query: ["q": "thị ánh"]))
            #expect(links(plain) > 0 && links(plain) == links(marked) && plain.body.contains("Thị Ánh"))
            let ede = try await clerk.get(Site.pupils(query: ["q": "NIE"]))
            #expect(ede.body.contains("Niê"))
            let workbook = try await clerk.get(Site.pupilsXLSX())
            #expect(workbook.status == .ok)
            let rows = try XLSXReader.rows(workbook.bytes, sheet: "Học sinh")
            #expect(rows.count == 501 && rows[0].starts(with: ["STT", "Họ và tên", "Họ đệm", "Tên"]))
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get(Site.pupils()).status == .forbidden)
        }
    }
}
