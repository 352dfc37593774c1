import Documents
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@Suite struct RosterTests {
    /// Names in the order the roster must list them: given name, then middle, then family, Vietnamese letters
    /// (a ă â … d đ …), tones after the base letters; Ê Đê names are written with the family name last.
    static let expectedOrder: [(String, PersonName)] = [
        ("Trần Thị An", PersonName(kinhFullName: "Trần Thị An")),
        ("Nguyễn Văn An", PersonName(kinhFullName: "Nguyễn Văn An")),
        ("Lê Văn Anh", PersonName(kinhFullName: "Lê Văn Anh")),
        ("Nguyễn Thị Ánh", PersonName(kinhFullName: "Nguyễn Thị Ánh")),
        ("Phạm Ngọc Ân", PersonName(kinhFullName: "Phạm Ngọc Ân")),
        ("Trần Đức Bảo", PersonName(kinhFullName: "Trần Đức Bảo")),
        ("Vũ Văn Dũng", PersonName(kinhFullName: "Vũ Văn Dũng")),
        ("Lê Văn Đức", PersonName(kinhFullName: "Lê Văn Đức")),
        ("H'Hen Niê", PersonName(family: "Niê", given: "H'Hen", familyLast: true)),
        ("Y Kŏ Êban", PersonName(family: "Êban", middle: "Kŏ", given: "Y", familyLast: true)),
    ]

    /// Class 1A with homeroom teacher Đỗ Thị Hoa and the pupils above, admitted in a scrambled order.
    static func classWithPupils(on db: any Database) async throws -> (RegisterWorld, SchoolClass, homeroom: Caller) {
        let world = try await RegisterWorld.make(on: db)
        var profile = try await world.fixture.school.profile()!
        profile.provinceCode = "01"
        profile.wardCode = "00070"
        profile.principalName = "Nguyễn Văn Minh"
        try await world.fixture.school.updateProfile(profile, by: world.principal)
        let hoa = try await world.fixture.staff("dothihoa", "Đỗ Thị Hoa", roles: [.teacher])
        let class1A = try await world.makeClass("1A", teacher: hoa.id)
        let scrambled = [8, 3, 0, 9, 5, 1, 7, 2, 6, 4].map { expectedOrder[$0] }
        let pupils = scrambled.enumerated().map { index, pair in
            RegisterWorld.pupil(
                pair.0, name: pair.1, born: (index + 1, 6, 2020), sex: index % 2 == 0 ? .female : .male, in: class1A,
                ethnicity: pair.1.familyLast ? "Ê Đê" : "Kinh", father: ("Người Cha \(index)", "09123456\(10 + index)"))
        }
        try await world.register.admit(pupils, into: world.year.id, by: world.clerk)
        return (world, class1A, try await world.fixture.caller(hoa))
    }

    @Test func theRosterIsSortedTheVietnameseWay() async throws {
        try await TestDatabase.withFresh { db in
            let (world, class1A, homeroom) = try await Self.classWithPupils(on: db)
            let roster = try await world.rosters.roster(class: class1A.id, by: homeroom)
            #expect(roster.lines.map(\.name.full) == Self.expectedOrder.map(\.0))
            #expect(roster.lines.map(\.position) == Array(1...10))
            #expect(roster.className == "1A")
            #expect(roster.homeroomTeacherName == "Đỗ Thị Hoa")
            // Numbers follow the admission order, not the alphabet.
            #expect(roster.lines.first { $0.name.full == "H'Hen Niê" }?.registerNumberText == "1/2026")
            #expect(Set(roster.lines.compactMap(\.registerNumber)) == Set(1...10))
        }
    }

    /// The database sorts the stored keys (ORDER BY sort_key): the order must hold under any collation, including
    /// PostgreSQL's vi_VN.UTF-8 (the suite's database), which skips punctuation at the first level.
    @Test func theDatabaseListsNamesInVietnameseOrderWhateverItsCollation() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let expected = ["Lê Á", "Trần Thị An", "Nguyễn Văn An", "Lê Văn Anh", "Nguyễn Thị Ánh", "Phạm Ngọc Ân", "Trần Đức Bảo"]
            for (index, name) in expected.reversed().enumerated() {
                _ = try await fixture.staff("gv\(index)", name, roles: [.teacher])
            }
            let listed = try await fixture.accounts.list(by: fixture.principalCaller()).map(\.name.full)
            #expect(listed.filter { expected.contains($0) } == expected)
        }
    }

    @Test func theSortKeyOrdersNamesWithoutTheDatabase() {
        let shuffled = Self.expectedOrder.map(\.1).reversed()
        #expect(shuffled.sorted { $0.sortKey < $1.sortKey }.map(\.full) == Self.expectedOrder.map(\.0))
    }

    @Test func onlyStaffWhoMayReadTheClassSeeItsRoster() async throws {
        try await TestDatabase.withFresh { db in
            let (world, class1A, homeroom) = try await Self.classWithPupils(on: db)
            let lan = try await world.fixture.staff("vuthilan", "Vũ Thị Lan", roles: [.teacher])
            _ = try await world.makeClass("1B", teacher: lan.id)
            let otherHomeroom = try await world.fixture.caller(lan)
            await #expect(throws: RecordsError.forbidden) { try await world.rosters.roster(class: class1A.id, by: otherHomeroom) }
            let lines = try await world.rosters.roster(class: class1A.id, by: world.clerk).lines
            #expect(lines.count == 10)
            await #expect(throws: RecordsError.forbidden) { try await world.register.book(year: world.year.id, by: otherHomeroom) }
            // The homeroom teacher reaches the family of a pupil of the class, not of another class.
            #expect(try await world.register.student(lines[0].studentID, by: homeroom).guardians.count == 1)
            await #expect(throws: RecordsError.forbidden) { try await world.register.student(lines[0].studentID, by: otherHomeroom) }
            // The homeroom teacher keeps the pupil's profile, so reads its register entry; another class's does not.
            #expect(try await world.register.entry(for: lines[0].studentID, by: homeroom) != nil)
            await #expect(throws: RecordsError.forbidden) { try await world.register.entry(for: lines[0].studentID, by: otherHomeroom) }
        }
    }

    @Test func theRosterPDFListsThePupilsInOrderWithTheirNamesIntact() async throws {
        try await TestDatabase.withFresh { db in
            let (world, class1A, homeroom) = try await Self.classWithPupils(on: db)
            let pdf = try Poppler.write(try await world.rosters.document(class: class1A.id, by: homeroom).render(), name: "roster-1A")
            let text = try Poppler.text(pdf)
            for heading in [
                "UBND PHƯỜNG HOÀN KIẾM", "TRƯỜNG TIỂU HỌC KIỂM THỬ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "DANH SÁCH HỌC SINH LỚP 1A", "Giáo viên chủ nhiệm: Đỗ Thị Hoa", "Số đăng bộ", "Dân tộc", "Ê Đê",
                "Lớp đang có 10 học sinh, trong đó 5 nữ, 2 dân tộc thiểu số.", "Hoàn Kiếm, ngày",
                "HIỆU TRƯỞNG", "Nguyễn Văn Minh",
            ] {
                #expect(text.contains(heading), "missing \(heading)")
            }
            let positions = Self.expectedOrder.map { text.range(of: $0.0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "a name is missing or mangled: \(text)")
            let found = positions.compactMap { $0 }
            #expect(found == found.sorted(), "names out of order")
            let fonts = try Poppler.fonts(pdf)
            #expect(!fonts.isEmpty)
            #expect(fonts.allSatisfy { $0.embedded }, "\(fonts)")
        }
    }

    @Test func theRegisterBookPrintsOnLandscapePagesWithTheHeaderOnEach() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let classes = [try await world.makeClass("1A"), try await world.makeClass("1B")]
            var pupils = (0..<40).map { index in
                RegisterWorld.pupil(
                    "Hoàng Thị Thuỷ \(index + 1)", born: (index % 28 + 1, index % 12 + 1, 2020), sex: .female,
                    in: classes[index % 2], father: ("Nguyễn Văn Cường", "0912000\(100 + index)"),
                    mother: ("Trần Thị Bích", "0913000\(100 + index)"))
            }
            pupils[1] = RegisterWorld.pupil(
                "Y Kŏ Êban", name: PersonName(family: "Êban", middle: "Kŏ", given: "Y", familyLast: true),
                born: (8, 8, 2020), sex: .male, in: classes[1], ethnicity: "Ê Đê",
                mother: ("H'Mai Êban", "0912345607"))
            try await world.register.admit(pupils, into: world.year.id, by: world.clerk)
            let book = try await world.register.book(year: world.year.id, by: world.clerk)
            #expect(book.lines.count == 40)
            #expect(book.lines[1].className == "1B")
            let pdf = try Poppler.write(
                RegisterPrintouts.book(book, printedOn: SchoolDate(year: 2026, month: 9, day: 5)!).render(),
                name: "so-dang-bo")
            let pages = try Poppler.pageCount(pdf)
            #expect(pages >= 2)
            let size = try Poppler.info(pdf)["Page size"] ?? ""
            let sides = size.split(separator: " ").compactMap { Double($0) }
            #expect(sides.count >= 2 && sides[0] > sides[1], "not landscape: \(size)")
            // Cells wrap, so compare with line breaks read as spaces.
            func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            for page in 1...pages {
                let text = flat(try Poppler.text(pdf, page: page))
                #expect(text.contains("SỔ ĐĂNG BỘ · NĂM HỌC 2026-2027"), "no running header on page \(page)")
                #expect(text.contains("Ngày vào trường"), "no table header on page \(page)")
            }
            let text = flat(try Poppler.text(pdf))
            for expected in [
                "Y Kŏ Êban", "12/04/2020", "Mẹ: H'Mai Êban", "Cha: Nguyễn Văn Cường", "Ê Đê", "15/08/2026", "Tuyển sinh lớp 1",
                "1/2026", "40/2026", "từ số 1/2026 đến số 40/2026",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            #expect(try Poppler.fonts(pdf).allSatisfy { $0.embedded })
        }
    }
}
