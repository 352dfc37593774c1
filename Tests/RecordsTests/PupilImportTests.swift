import Documents
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// Importing the pupils a school already has: files laid out as other systems export them, names split the way
/// their owners write them, and an import that writes everything or nothing.
@Suite struct PupilImportTests {
    /// A class list as SMAS-like systems export it: the school and a title above, a two-row header with merged cells
    /// ("Họ và tên" over "Họ đệm" and "Tên", "Cha" over "Họ tên" and "Điện thoại"), a row of column numbers, and a
    /// footer.
    static func exportedClassList(_ pupils: [[XLSXCell]]) throws -> [UInt8] {
        var writer = XLSXWriter()
        let t = XLSXCell.text
        var rows: [[XLSXCell]] = [
            [t("PHÒNG GD&ĐT THỊ XÃ BUÔN HỒ")], [t("TRƯỜNG TIỂU HỌC TRUNG VƯƠNG")], [t("DANH SÁCH HỌC SINH NĂM HỌC 2026-2027")],
            [
                t("STT"), t("Mã học sinh"), t("Họ và tên"), t("Họ và tên"), t("Ngày sinh"), t("Giới tính"), t("Dân tộc"), t("Lớp"),
                t("Cha"), t("Cha"), t("Mẹ"), t("Mẹ"), t("Nơi ở hiện nay"), t("Sở thích"),
            ],
            [
                .empty, .empty, t("Họ đệm"), t("Tên"), .empty, .empty, .empty, .empty, t("Họ tên"), t("Điện thoại"), t("Họ tên"),
                t("Điện thoại"), .empty, .empty,
            ],
            (1...14).map { t("(\($0))") },
        ]
        rows += pupils
        rows.append([.empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, t("Người lập biểu")])
        writer.addSheet(
            name: "DS", header: [], rows: rows,
            merges: ["A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:F5", "G4:G5", "H4:H5", "I4:J4", "K4:L4", "M4:M5", "N4:N5"])
        return try writer.data()
    }

    static let t = XLSXCell.text
    static let start = SchoolDate(year: 2026, month: 9, day: 5)!
    static let sampleRows: [[XLSXCell]] = [
        [
            .integer(1), t("HS001"), t("Nguyễn Thị"), t("Ánh"), t("05/03/2016"), t("Nữ"), t("Kinh"), t("3A"), t("Nguyễn Văn Bình"),
            .integer(912_345_678), t("Trần Thị Cúc"), t("0987654321"), t("Tổ 3, phường An Lạc"), t("Vẽ"),
        ],
        [
            .integer(2), t("HS002"), t("Niê"), t("H'Hen"), .date(year: 2016, month: 11, day: 20), t("nữ"), t("Ê-đê"), t("Lớp 3B"),
            t("Y Blih Êban"), .empty, t("H'Lan Niê"), t("0905111222"), t("Buôn Kmrơng Prông A"), .empty,
        ],
        [
            .integer(3), t("HS003"), t("Y Kŏ"), t("Êban"), t("1/2/2015"), t("Nam"), t("Ê Đê"), t("4A"), .empty, .empty,
            t("H'Nga Êban"), .empty, t("Buôn Ea Blang"), .empty,
        ],
    ]

    static func table(_ bytes: [UInt8]) throws -> [[String]] {
        guard case .success(let table) = SpreadsheetFile.table(bytes, fillingMerged: true) else {
            throw FieldProblems("file", "unreadable")
        }
        return table
    }

    @Test func aClassListWithTitleRowsTwoHeaderRowsAndMergedCellsIsReadColumnByColumn() throws {
        let table = try Self.table(try Self.exportedClassList(Self.sampleRows))
        let preview = PupilImportService.read(table, entryDefault: Self.start)
        #expect(preview.fileProblem == nil)
        #expect(preview.headerLines == [4, 5])
        #expect(
            preview.columns == [
                .number, .pupilCode, .familyAndMiddle, .given, .birthDate, .sex, .ethnicity, .className, .fatherName,
                .fatherPhone, .motherName, .motherPhone, .address, .ignored,
            ])
        #expect(preview.headers[13] == "Sở thích")
        #expect(preview.lines.map(\.line) == [7, 8, 9], "the numbering row and the footer are not pupils")
        let names = preview.lines.map(\.pupil.name)
        #expect(names.map(\.full) == ["Nguyễn Thị Ánh", "H'Hen Niê", "Y Kŏ Êban"])
        #expect(names[1] == PersonName(family: "Niê", given: "H'Hen", familyLast: true))
        #expect(names[2] == PersonName(family: "Êban", middle: "Kŏ", given: "Y", familyLast: true))
        let first = preview.lines[0].pupil
        #expect(first.birthDate == SchoolDate(year: 2016, month: 3, day: 5))
        #expect(first.guardians.map(\.phone) == ["0987654321", "0912345678"], "Excel's dropped zero is put back")
        #expect(first.guardians.map(\.relation) == [.mother, .father])
        #expect(preview.lines[1].pupil.birthDate == SchoolDate(year: 2016, month: 11, day: 20))
        #expect(preview.lines[1].pupil.className == "Lớp 3B")
        #expect(preview.lines[2].pupil.birthDate == SchoolDate(year: 2015, month: 2, day: 1))
        #expect(preview.lines.allSatisfy { $0.problems.isEmpty }, "\(preview.lines.map(\.problems))")
        #expect(preview.columnProblems.isEmpty)
    }

    @Test func headersAreRecognisedWithoutDiacriticsAndAMissingOneIsSaid() {
        let table = [
            ["ho va ten", "ngay sinh", "GIOI TINH", "ma dinh danh", "lop", "so dien thoai"],
            ["Lê Văn Anh", "12012017", "Nam", "1217000001", "2A", "912000111"],
        ]
        let preview = PupilImportService.read(table, entryDefault: Self.start)
        #expect(preview.columns == [.fullName, .birthDate, .sex, .personalID, .className, .phone])
        let pupil = preview.lines[0].pupil
        #expect(pupil.birthDate == SchoolDate(year: 2017, month: 1, day: 12), "a date typed with digits alone")
        #expect(pupil.personalID == "001217000001")
        #expect(preview.lines[0].problems == ["Có số điện thoại liên hệ nhưng không có họ tên cha, mẹ hay người giám hộ."])
        let noSex = PupilImportService.read(
            [["Họ và tên", "Ngày sinh", "Lớp"], ["Lê Văn Anh", "12/01/2017", "2A"]], entryDefault: Self.start)
        #expect(noSex.columnProblems == ["Chưa có cột “Giới tính”."])
        #expect(!noSex.isImportable)
        let noHeader = PupilImportService.read([["A", "B"], ["Lê Văn Anh", "12/01/2017"]], entryDefault: Self.start)
        #expect(noHeader.fileProblem?.contains("Không tìm thấy dòng tiêu đề") == true)
    }

    @Test func aNameIsTurnedRoundOnRequestAndDuplicatesInTheFileAreNamed() {
        let table = [
            ["Họ và tên", "Ngày sinh", "Giới tính", "Lớp", "Số đăng bộ"],
            ["Niê H'Hen", "20/11/2016", "Nữ", "3B", "12/2022"],
            ["Trần Đức Bảo", "01/01/2016", "Nam", "3A", "12/2022"],
            ["Tran Duc Bao", "01/01/2016", "Nam", "3A", ""],
        ]
        let plain = PupilImportService.read(table, entryDefault: Self.start)
        #expect(plain.lines[0].pupil.name.full == "Niê H'Hen")
        #expect(plain.lines[0].notes.contains { $0.contains("Có thể là tên Ê Đê") })
        #expect(plain.lines[1].problems == ["Trùng với dòng 2 (cùng số đăng bộ)."])
        #expect(plain.lines[2].problems == ["Trùng với dòng 3 (cùng họ tên và ngày sinh)."])
        let flipped = PupilImportService.read(table, choices: PupilImportChoices(flippedLines: [2]), entryDefault: Self.start)
        #expect(flipped.lines[0].pupil.name == PersonName(family: "Niê", given: "H'Hen", familyLast: true))
        #expect(flipped.lines[0].pupil.name.full == "H'Hen Niê")
    }

    @Test func aWholeSchoolImportsIntoTheRegisterAndClassesOrNotAtAll() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class3A = try await world.makeClass("3A", grade: 3)
            let imports = PupilImportService(database: db, clock: world.fixture.clock.function)
            let bytes = try Self.exportedClassList(Self.sampleRows)
            let batch = try await imports.upload(filename: "ds-hoc-sinh.xlsx", bytes: bytes, year: world.year.id, by: world.clerk).get()
            // 3B and 4A do not exist yet: the preview says so and nothing can be imported.
            let first = try await imports.preview(batch, by: world.clerk)
            #expect(first.missingClasses == ["Lớp 3B", "4A"])
            #expect(first.lines[1].problems == ["Năm học 2026-2027 chưa có lớp “Lớp 3B”."])
            await #expect(throws: FieldProblems.self) { try await imports.commit(batch, by: world.clerk) }
            #expect(try await world.count("register_entries") == 0)
            // A teacher may not import.
            let teacher = try await world.fixture.caller(try await world.fixture.staff("gvcn.3a", "Lê Thị Hoa", roles: [.teacher]))
            await #expect(throws: RecordsError.self) { try await imports.preview(batch, by: teacher) }

            let chosen = try await imports.choose(PupilImportChoices(createMissingClasses: true), for: batch, by: world.clerk)
            #expect(chosen.isImportable, "\(chosen.lines.map(\.problems)) \(chosen.columnProblems)")
            let result = try await imports.commit(batch, by: world.clerk)
            #expect(result.pupils == 3 && result.createdClasses == ["Lớp 3B", "4A"])
            let classes = try await world.fixture.classes.list(year: world.year.id, by: world.principal)
            #expect(Set(classes.map(\.name)) == ["3A", "Lớp 3B", "4A"])
            #expect(classes.first { $0.name == "4A" }?.grade == 4)
            let roster = try await world.rosters.roster(class: class3A.id, by: world.principal)
            #expect(roster.lines.map(\.name.full) == ["Nguyễn Thị Ánh"])
            let book = try await world.register.book(year: world.year.id, by: world.principal)
            let hhen = try #require(book.lines.map(\.entry).first { $0.details.name.given == "H'Hen" })
            #expect(hhen.details.name.full == "H'Hen Niê")
            #expect(hhen.details.route == .imported)
            #expect(hhen.details.entryGrade == 3)
            #expect(hhen.details.ethnicity == "Ê Đê")
            #expect(hhen.details.fatherName == "Y Blih Êban")
            #expect(hhen.details.entryDate == world.year.dates.startsOn)
            #expect(hhen.details.notes == "Mã học sinh ở hệ thống cũ: HS002")
            let audit = try await world.fixture.audit.entries(.init(), by: world.principal).map(\.event.action)
            #expect(audit.filter { $0 == "pupils.import" }.count == 1)
            #expect(audit.filter { $0 == "register.admit" }.isEmpty, "the import is one event with its row count")
            let event = try #require(
                try await world.fixture.audit.entries(.init(), by: world.principal).first { $0.event.action == "pupils.import" })
            #expect(event.event.summary == "Nhập 3 học sinh từ tệp ds-hoc-sinh.xlsx vào sổ đăng bộ năm học 2026-2027")
            #expect(try await world.fixture.audit.verify() == .intact(entries: try await world.auditCount()))
            // The same file again: every pupil is already in the register.
            let again = try await imports.upload(filename: "lan-2.xlsx", bytes: bytes, year: world.year.id, by: world.clerk).get()
            let second = try await imports.preview(again, by: world.clerk)
            #expect(second.badLines.count == 3)
            #expect(second.lines[0].problems.contains { $0.hasPrefix("Học sinh này đã có trong sổ đăng bộ, số ") })
            await #expect(throws: FieldProblems.self) { try await imports.commit(batch, by: world.clerk) }
        }
    }

    @Test func aLateFailureLeavesNothingWritten() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            _ = try await world.makeClass("2A", grade: 2, capacity: 2)
            let imports = PupilImportService(database: db, clock: world.fixture.clock.function)
            var csv = "Họ và tên,Ngày sinh,Giới tính,Lớp,Họ tên mẹ,Điện thoại mẹ\r\n"
            csv += "Lê Văn Anh,12/01/2018,Nam,2A,Phạm Thị Dung,0912000111\r\n"
            csv += "Đỗ Thị Hoa,13/02/2018,Nữ,2A,Vũ Thị Mai,0912000112\r\n"
            let batch = try await imports.upload(filename: "2a.csv", bytes: Array(csv.utf8), year: world.year.id, by: world.clerk).get()
            #expect(try await imports.preview(batch, by: world.clerk).isImportable)
            // Between preview and import, the clerk registers a pupil by hand into the same class: now the class is
            // too small, and the import must fail whole.
            let class2A = try #require(try await world.fixture.classes.list(year: world.year.id, by: world.principal).first)
            try await world.register.admit(
                [RegisterWorld.pupil("Trần Văn Cường", born: (3, 3, 2018), sex: .male, in: class2A)], into: world.year.id, by: world.clerk)
            let entries = try await world.count("register_entries")
            let guardians = try await world.count("guardians")
            let audit = try await world.auditCount()
            await #expect(throws: FieldProblems.self) { try await imports.commit(batch, by: world.clerk) }
            #expect(try await world.count("register_entries") == entries)
            #expect(try await world.count("guardians") == guardians)
            #expect(try await world.auditCount() == audit)
            let preview = try await imports.preview(batch, by: world.clerk)
            #expect(preview.columnProblems.first?.hasPrefix("Lớp 2A có sĩ số tối đa 2, đã có 1 học sinh, tệp thêm 2") == true)
        }
    }

    @Test func oldExcelAndPasswordProtectedFilesAreRefusedWithWhatToDo() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let imports = PupilImportService(database: db, clock: world.fixture.clock.function)
            let ole = [UInt8]([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + [UInt8](repeating: 0, count: 600)
            let old = try await imports.upload(filename: "ds.xls", bytes: ole, year: world.year.id, by: world.clerk)
            #expect(throws: SpreadsheetFile.Unreadable.self) { try old.get() }
            if case .failure(let refusal) = old { #expect(refusal.message.contains("Excel đời cũ (.xls)")) }
            let locked = ole + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if case .failure(let refusal) = try await imports.upload(
                filename: "ds.xlsx", bytes: locked, year: world.year.id, by: world.clerk)
            {
                #expect(refusal.message.contains("mật khẩu"))
            } else {
                Issue.record("a password-protected workbook was accepted")
            }
            #expect(try await world.count("pupil_import_batches") == 0)
        }
    }

    @Test func aColumnChosenByHandIsRememberedForTheNextFile() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            _ = try await world.makeClass("5C", grade: 5)
            let imports = PupilImportService(database: db, clock: world.fixture.clock.function)
            let csv = "Họ và tên,Ngày sinh,Giới tính,Lớp,Phái tính khác\r\nLê Văn Anh,12/01/2015,Nam,5C,x\r\n"
            let bytes = Array(csv.utf8)
            let csvWithCode = "Họ và tên,Ngày sinh,Giới tính,Lớp,Số hiệu HS\r\nLê Văn Anh,12/01/2015,Nam,5C,A17\r\n"
            let batch = try await imports.upload(filename: "a.csv", bytes: Array(csvWithCode.utf8), year: world.year.id, by: world.clerk)
                .get()
            #expect(try await imports.preview(batch, by: world.clerk).columns[4] == .ignored)
            let chosen = try await imports.choose(PupilImportChoices(columns: [4: .pupilCode]), for: batch, by: world.clerk)
            #expect(chosen.lines[0].pupil.pupilCode == "A17")
            let next = try await imports.upload(filename: "b.csv", bytes: Array(csvWithCode.utf8), year: world.year.id, by: world.clerk)
                .get()
            #expect(try await imports.preview(next, by: world.clerk).columns[4] == .pupilCode)
            let other = try await imports.upload(filename: "c.csv", bytes: bytes, year: world.year.id, by: world.clerk).get()
            #expect(try await imports.preview(other, by: world.clerk).columns[4] == .ignored)
        }
    }
}
