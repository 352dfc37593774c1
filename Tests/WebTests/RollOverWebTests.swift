import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The homeroom teacher marks who repeats; the admin board copies the classes into the new year, previews every
/// class with its count, rolls the year over once (a second press changes nothing) and undoes it.
@Suite struct RollOverWebTests {
    @Test func theYearRollsOverOnceFromThePage() async throws {
        try await withHoso { app in
            let (_, ko) = try await FamilyWebTests.pupils(app)
            let system = Caller.system()
            let next = try await SchoolService(database: app.db).createYear(startYear: 2027, dates: nil, by: system)
            let class1A = try #require(try await ClassService(database: app.db).list(by: system).first { $0.name == "1A" })

            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get(Site.roster(class1A.id)).body.contains(Site.promotion(class1A.id)))
            let marks = try await teacher.get(Site.promotion(class1A.id))
            #expect(marks.status == .ok && marks.body.contains("Y Kŏ Êban"))
            #expect(try await teacher.post(Site.promotion(class1A.id), [("repeaters[]", ko.description)]).status == .seeOther)
            #expect(try await teacher.get(Site.rollOver()).status == .forbidden, "the roll-over is the admin board's")

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let before = try await principal.get(Site.rollOverTo(next.id))
            #expect(before.status == .ok)
            #expect(before.body.contains("chưa có lớp nào"))
            let refused = try await principal.post(Site.rollOverApply(), [("year", next.id.description)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("chưa có lớp 2A cho 1 học sinh lớp 1A lên lớp"))
            #expect(try await principal.post(Site.rollOverClasses(), [("year", next.id.description)]).status == .seeOther)
            let plan = try await principal.get(Site.rollOverTo(next.id))
            #expect(plan.body.contains("Chuyển 2 học sinh sang năm học 2027-2028?"))
            #expect(try await principal.post(Site.rollOverApply(), [("year", next.id.description)]).status == .seeOther)
            let newClasses = try await ClassService(database: app.db).list(year: next.id, by: system)
            let new2A = try #require(newClasses.first { $0.name == "2A" })
            let new1A = try #require(newClasses.first { $0.name == "1A" })
            let roster2A = try await principal.get(Site.roster(new2A.id))
            #expect(roster2A.body.contains("Nguyễn Thị Ánh") && !roster2A.body.contains("Y Kŏ Êban"))
            #expect(try await principal.get(Site.roster(new1A.id)).body.contains("Y Kŏ Êban"))
            let total = try await rowCount("enrollments", on: app.db)
            #expect(try await principal.post(Site.rollOverApply(), [("year", next.id.description)]).status == .seeOther)
            #expect(try await principal.get(Site.rollOverTo(next.id)).body.contains("Không có học sinh nào cần chuyển"))
            #expect(try await rowCount("enrollments", on: app.db) == total, "a second press changes nothing")
            #expect(try await principal.post(Site.rollOverUndo(), [("year", next.id.description)]).status == .seeOther)
            #expect(try await rowCount("enrollments", on: app.db) == total - 2)
        }
    }
}
