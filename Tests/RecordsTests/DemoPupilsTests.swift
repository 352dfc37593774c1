import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The demo becomes a whole school: 500 pupils in 15 classes, Ê Đê names among them, siblings sharing parents, a few
/// movements; a second run adds nothing.
@Suite struct DemoPupilsTests {
    @Test func theDemoSchoolHasFiveHundredPupilsOnce() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await DemoSchool(database: db, hasher: TestHasher()).seed()
            #expect(try await DemoPupils(database: db).seed() == 500)
            #expect(try await rowCount("register_entries", on: db) == 500)
            #expect(try await rowCount("enrollments", on: db) == 500)
            #expect(try await rowCount("pupil_movements", on: db) == 3)
            let guardians = try await rowCount("guardians", on: db)
            #expect(guardians < 1000 && guardians > 900, "siblings share their parents: \(guardians)")
            let system = Caller.system()
            let rosters = RosterService(database: db)
            var ede = 0
            for schoolClass in try await ClassService(database: db).list(by: system) {
                let roster = try await rosters.roster(class: schoolClass.id, by: system)
                #expect(roster.counts.attending <= 35)
                ede += roster.lines.filter { $0.ethnicity == "Ê Đê" }.count
                #expect(roster.lines.count >= 33)
            }
            #expect(ede >= 25, "Ê Đê pupils: \(ede)")
            #expect(try await DemoPupils(database: db).seed() == 0)
            #expect(try await rowCount("register_entries", on: db) == 500)
        }
    }
}

/// The pupils list pages through the whole register by keyset and finds pupils without diacritics.
@Suite struct PupilDirectoryTests {
    @Test func pagesCoverTheRegisterOnceInOrderAndSearchIgnoresDiacritics() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await DemoSchool(database: db, hasher: TestHasher()).seed()
            try await DemoPupils(database: db).seed()
            let directory = PupilDirectory(database: db)
            let system = Caller.system()
            var seen: [PupilListLine] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await directory.page(after: cursor, limit: 120, by: system)
                seen += page.lines
                cursor = page.next
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 5 && seen.count == 500)
            #expect(Set(seen.map(\.studentID)).count == 500)
            let givens = seen.map { VietnameseText.collationKey($0.name.given) }
            #expect(givens == givens.sorted(), "given names in Vietnamese order across pages")
            #expect(seen.allSatisfy { !$0.className.isEmpty && !$0.registerNumber.isEmpty })
            let ede = try await directory.page(search: "h'", by: system).lines
            let plain = try await directory.page(search: "ANH", by: system).lines
            let marked = try await directory.page(search: "ánh", by: system).lines
            #expect(plain == marked && !plain.isEmpty)
            #expect(plain.allSatisfy { $0.name.searchKey.contains("anh") })
            #expect(!ede.isEmpty)
            let one = seen[42]
            let byNumber = try await directory.page(search: one.registerNumber, by: system).lines
            #expect(byNumber.contains { $0.studentID == one.studentID })
            await #expect(throws: RecordsError.self) {
                try await directory.page(by: Caller(accountID: nil, displayName: "Phụ huynh", grants: Grants(roles: [])))
            }
        }
    }
}
