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
