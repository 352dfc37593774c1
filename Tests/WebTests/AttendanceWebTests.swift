import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The homeroom teacher of 1A marks October's absences on the grid; a save over a newer one comes back with what was
/// typed; the principal sees which classes have recorded the month.
@Suite struct AttendanceWebTests {
    @Test func theHomeroomTeacherMarksAMonthAndThePrincipalSeesIt() async throws {
        try await withHoso { app in
            let (anh, ko) = try await FamilyWebTests.pupils(app)
            let class1A = try #require(try await ClassService(database: app.db).list(by: .system()).first { $0.name == "1A" })
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            let home = try await teacher.get(Site.home())
            #expect(home.body.contains("Chuyên cần tháng"))
            let path = Site.attendanceMonth(class1A.id, SchoolMonth(year: 2026, month: 10)!)
            let grid = try await teacher.get(path)
            #expect(grid.status == .ok)
            #expect(grid.body.contains("name=\"m-\(anh)-5\""))
            #expect(!grid.body.contains("name=\"m-\(anh)-3\""), "a Saturday is not a school day")
            #expect(grid.body.contains("data-draft-key=\"hoso-attendance-\(class1A.id)-2026-10\""))
            let saved = try await teacher.post(path, [("version", "0"), ("m-\(anh)-5", "P"), ("m-\(ko)-6", "K"), ("m-\(ko)-7", "")])
            #expect(saved.status == .seeOther)
            let after = try await teacher.get(path)
            #expect(after.body.contains("<option value=\"P\" selected>P</option>"))
            #expect(after.body.contains("1P · 0K"))
            #expect(after.body.contains("Cập nhật lần cuối"))
            let stale = try await teacher.post(path, [("version", "0"), ("m-\(anh)-8", "K")])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("vừa được"))
            #expect(stale.body.contains("<option value=\"K\" selected>K</option>"), "what was typed comes back")

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let overview = try await principal.get(Site.attendanceOverview(query: ["month": "2026-10"]))
            #expect(overview.status == .ok)
            #expect(overview.body.contains("14 lớp chưa cập nhật tháng này."))
            let other = TestBrowser(app)
            try await other.login("gvcn.5c", DemoSchool.password)
            #expect(try await other.get(path).status == .forbidden)
            #expect(try await other.post(path, [("version", "1"), ("m-\(anh)-9", "P")]).status == .forbidden)
        }
    }
}
