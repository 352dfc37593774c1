import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@testable import Admissions

/// Guessing codes: 20,000 random, well-formed codes (valid check symbol) go through the lookup the portal's door
/// makes, each with a real child's date of birth, and none of them opens an application; the same lookup does find
/// every real code with its child's date of birth, so the test would see a hit. (31⁹ ≈ 2.6·10¹³ codes exist; the
/// debug build makes about 600 lookups a second, so 20,000 keeps the suite short.)
@Suite struct CodeGuessingTests {
    @Test func twentyThousandRandomCodesOpenNoApplication() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await DemoSchool(database: db, hasher: TestHasher()).seed()
            let samples = try await DemoCampaign(database: db).seed()
            let portal = PortalService(database: db)
            // The control: the same lookup answers for every real code with the right date, and only with it.
            for sample in samples {
                #expect(try await portal.lookup(sample.code, birthDate: sample.birthDate) != nil, "\(sample.code.display)")
                let dayAfter = sample.birthDate.adding(days: 1)
                #expect(try await portal.lookup(sample.code, birthDate: dayAfter) == nil)
            }
            let birthDates = Array(Set(samples.map(\.birthDate)))
            let opened = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var hits: [String] = []
                        for index in 0..<5_000 {
                            let code = RegistrationCode.random()
                            let birthDate = birthDates[(worker + index) % birthDates.count]
                            if try await portal.lookup(code, birthDate: birthDate) != nil { hits.append(code.display) }
                        }
                        return hits
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(opened.isEmpty, "random codes opened applications: \(opened)")
        }
    }
}
