import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The grids' script: each pupil's line saved as it is typed, with the version it was typed on; the state as JSON;
/// a line another device saved meanwhile reported as a conflict and left as that device saved it.
@Suite struct LiveGridWebTests {
    static func state(_ page: Page) throws -> LiveGridState {
        #expect(page.headers.contentType == .json)
        return try JSONDecoder().decode(LiveGridState.self, from: Data(page.bytes))
    }

    static func scripted(_ app: Application, _ username: String) async throws -> TestBrowser {
        let browser = TestBrowser(app)
        try await browser.login(username, DemoSchool.password)
        browser.extraHeaders.add(name: .accept, value: "application/json")
        return browser
    }

    @Test func twoDevicesOnOneSubjectGrid() async throws {
        try await withHoso { app in
            let (year, class4A, english) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.endTerm1, year: year, app)
            let grid = Site.subjectGrid(class4A.id, english.id, query: ["checkpoint": "endTerm1"])
            let phone = try await Self.scripted(app, "gvbm.tienganh")
            let laptop = try await Self.scripted(app, "gvbm.tienganh")
            let opened = try Self.state(try await laptop.get(grid))
            #expect(opened.open && opened.lines.count > 20 && opened.lines.values.allSatisfy { $0.version == 0 })
            let pupil = try #require(opened.lines.keys.sorted().first)

            let first = try await phone.post(
                grid, [("base-\(pupil)", "0"), ("level-\(pupil)", "T"), ("score-\(pupil)", "9"), ("comment-\(pupil)", "Em đọc tốt.")])
            #expect(first.status == .ok)
            let saved = try #require(try Self.state(first).lines[pupil])
            #expect(saved.version > 0 && saved.by == "Hoàng Văn Nam" && saved.fields["score-\(pupil)"] == "9")

            // The laptop, still on version 0, types another score: refused as a conflict, the phone's value kept.
            let late = try await laptop.post(grid, [("base-\(pupil)", "0"), ("level-\(pupil)", "H"), ("score-\(pupil)", "5")])
            let conflict = try Self.state(late)
            #expect(late.status == .ok && conflict.conflicts == [pupil] && conflict.lines[pupil]?.fields["score-\(pupil)"] == "9")
            let stored = try await AssessmentService(database: app.db).subjectGrid(
                class: class4A.id, subject: english.id, checkpoint: .endTerm1, by: .system())
            #expect(stored.lines.first { $0.studentID.description == pupil }?.score == 9)

            // Typed on the version it now sees, the laptop's value is saved.
            let kept = try await laptop.post(
                grid, [("base-\(pupil)", String(saved.version)), ("level-\(pupil)", "H"), ("score-\(pupil)", "5")])
            let keptState = try Self.state(kept)
            #expect(keptState.conflicts.isEmpty && keptState.lines[pupil]?.fields["score-\(pupil)"] == "5")

            // A bad value: 422 with the problem by cell, nothing written.
            let bad = try await phone.post(grid, [("base-\(pupil)", "0"), ("level-\(pupil)", "H"), ("score-\(pupil)", "11")])
            #expect(bad.status == .unprocessableEntity)
            #expect(try Self.state(bad).problems["pupil-\(pupil)-score"]?.contains("điểm 11 không hợp lệ") == true)
            let after = try await AssessmentService(database: app.db).subjectGrid(
                class: class4A.id, subject: english.id, checkpoint: .endTerm1, by: .system())
            #expect(after.lines.first { $0.studentID.description == pupil }?.score == 5)

            // Another class's homeroom teacher reads nothing.
            let other = try await Self.scripted(app, "gvcn.4b")
            #expect(try await other.get(grid).status == .forbidden)
        }
    }

    @Test func theHomeroomGridConflictsAndItsUnlock() async throws {
        try await withHoso { app in
            let (year, class4A, _) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.midTerm1, year: year, app)
            let query: KeyValuePairs<String, String> = ["checkpoint": "midTerm1"]
            let grid = Site.homeroomGrid(class4A.id, query: query)
            let phone = try await Self.scripted(app, "gvcn.4a")
            let laptop = try await Self.scripted(app, "gvcn.4a")
            let opened = try Self.state(try await laptop.get(grid))
            let pupil = try #require(opened.lines.keys.sorted().first)
            let field = "homeroom:q:Yêu nước|\(pupil)"
            #expect(opened.lines[pupil]?.fields[field] == "")
            let first = try Self.state(
                try await phone.post(grid, [("base-\(pupil)", "0"), (field, "T"), ("comment|\(pupil)", "Em ngoan.")]))
            #expect(first.conflicts.isEmpty && first.lines[pupil]?.fields[field] == "T")
            let late = try Self.state(try await laptop.post(grid, [("base-\(pupil)", "0"), (field, "Đ")]))
            #expect(late.conflicts == [pupil] && late.lines[pupil]?.fields[field] == "T")

            // Done locks it; an unlock the principal approves opens it until done again.
            let page = TestBrowser(app)
            try await page.login("gvcn.4a", DemoSchool.password)
            #expect(try await page.post(Site.homeroomGridDone(class4A.id, query: query), []).status == .seeOther)
            let locked = try await phone.post(grid, [("base-\(pupil)", String(first.lines[pupil]!.version)), (field, "Đ")])
            let lockedState = try Self.state(locked)
            #expect(locked.status == .unprocessableEntity && lockedState.problems["lock"] != nil)
            let unlock = Site.homeroomGridUnlock(class4A.id, query: query)
            #expect(try await page.post(unlock, [("reason", "Sửa mức Yêu nước của em đầu danh sách")]).status == .seeOther)
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let windows = try await principal.get(Site.assessmentWindows())
            #expect(windows.body.contains("Phẩm chất, năng lực GK1 lớp 4A") && windows.body.contains(Site.homeroomGrid(class4A.id)))
            let decide = try #require(windows.body.firstMatch(of: /action="(\/school\/assessment\/unlocks\/[0-9A-Fa-f-]+)"/)?.1)
            #expect(try await principal.post(String(decide), [("decision", "approve")]).status == .seeOther)
            let changed = try await phone.post(grid, [("base-\(pupil)", String(first.lines[pupil]!.version)), (field, "Đ")])
            let changedState = try Self.state(changed)
            #expect(changed.status == .ok && changedState.lines[pupil]?.fields[field] == "Đ")
            #expect(try await page.post(Site.homeroomGridDone(class4A.id, query: query), []).status == .seeOther)
            let relocked = try await AssessmentService(database: app.db).homeroomGrid(
                class: class4A.id, checkpoint: .midTerm1, by: .system())
            #expect(!relocked.isOpen && !relocked.unlocked && relocked.lockedBy != nil)
        }
    }
}
