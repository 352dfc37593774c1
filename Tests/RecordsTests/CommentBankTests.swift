import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The comment bank: the school's phrases kept by the principal, each teacher's own seen by that teacher only.
@Suite struct CommentBankTests {
    @Test func theSchoolsPhrasesAndEachTeachersOwn() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let bank = CommentBank(database: db, clock: fixture.clock.function)
            let principal = try await fixture.principalCaller()
            let nam = try await fixture.caller(try await fixture.staff("gvbm.tienganh", "Hoàng Văn Nam", roles: [.teacher]))
            let hoa = try await fixture.caller(try await fixture.staff("dothihoa", "Đỗ Thị Hoa", roles: [.teacher]))

            try await bank.add("Em đọc to, rõ ràng.", schools: true, by: principal)
            await #expect(throws: RecordsError.forbidden) { try await bank.add("Câu của trường", schools: true, by: nam) }
            fixture.clock.advance(1)
            let own = try await bank.add("  Em phát âm chuẩn.  ", schools: false, by: nam)
            #expect(own.text == "Em phát âm chuẩn." && !own.isSchools)
            await #expect(throws: FieldProblems.self) { try await bank.add("Em phát âm chuẩn.", schools: false, by: nam) }
            await #expect(throws: FieldProblems.self) { try await bank.add(" ", schools: false, by: nam) }
            await #expect(throws: FieldProblems.self) {
                try await bank.add(String(repeating: "a", count: CommentBank.limit + 1), schools: false, by: nam)
            }
            #expect(try await bank.phrases(by: nam).map(\.text) == ["Em đọc to, rõ ràng.", "Em phát âm chuẩn."])
            #expect(try await bank.phrases(by: hoa).map(\.text) == ["Em đọc to, rõ ràng."], "another teacher's phrases stay theirs")
            let nobody = Caller(accountID: nil, displayName: "Khách", grants: Grants())
            await #expect(throws: RecordsError.forbidden) { try await bank.phrases(by: nobody) }

            let school = try #require(try await bank.phrases(by: nam).first { $0.isSchools })
            await #expect(throws: RecordsError.forbidden) { try await bank.remove(school.id, by: nam) }
            await #expect(throws: RecordsError.forbidden) { try await bank.remove(own.id, by: hoa) }
            try await bank.remove(own.id, by: nam)
            #expect(try await bank.phrases(by: nam).map(\.text) == ["Em đọc to, rõ ràng."])
            #expect(try await rowCount("comment_phrases", on: db) == 2, "a removed phrase is kept")
        }
    }
}
