import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

@Suite struct RegisterAdmissionTests {
    @Test func admittingWritesStudentGuardiansEntryAndPlaceInOneGo() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class1A = try await world.makeClass("1A")
            let admitted = try await world.register.admit(
                [
                    RegisterWorld.pupil(
                        "Nguyễn Thị Ánh", born: (5, 3, 2020), sex: .female, in: class1A, id: "001320000001",
                        father: ("Nguyễn Văn Cường", "0912 345 601"), mother: ("Trần Thị Bích", "0912345602"))
                ], into: world.year.id, by: world.clerk)
            #expect(admitted.count == 1)
            let entry = admitted[0].entry
            #expect(entry.number == 1)
            #expect(entry.numberText == "1/2026")
            #expect(entry.yearName == "2026-2027")
            #expect(entry.details.name.full == "Nguyễn Thị Ánh")
            #expect(entry.details.ethnicity == "Kinh")
            #expect(entry.details.fatherName == "Nguyễn Văn Cường")
            #expect(entry.details.motherName == "Trần Thị Bích")
            #expect(entry.details.entryGrade == 1)
            #expect(entry.details.route == .gradeOneAdmission)
            let student = try await world.register.student(entry.studentID, by: world.clerk)
            #expect(student.personalID == "001320000001")
            #expect(student.guardians.map(\.relation) == [.father, .mother])
            #expect(student.guardians.map(\.guardian.id) == admitted[0].guardianIDs)
            #expect(try await world.register.entry(entry.id, by: world.principal) == entry)
            let summaries = try await world.fixture.audit.entries(.init(entity: "register_entry"), by: world.principal).map(\.event.summary)
            #expect(summaries == ["Ghi sổ đăng bộ số 1/2026: Nguyễn Thị Ánh, vào lớp 1A năm học 2026-2027"])
            #expect(try await world.fixture.audit.verify() == .intact(entries: try await world.auditCount()))
        }
    }

    @Test func numbersStayUniqueAndGaplessUnderTwentyConcurrentAdmissions() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let classes = [try await world.makeClass("1A"), try await world.makeClass("1B")]
            let already = RegisterWorld.pupil("Lê Văn Anh", born: (12, 1, 2020), sex: .male, in: classes[0], id: "001220000999")
            try await world.register.admit([already], into: world.year.id, by: world.clerk)
            let yearID = world.year.id
            let clerk = world.clerk
            // Real concurrency: several connections to the same database, each admitting on its own.
            let outcomes = try await ParallelConnections.run(on: db, connections: 5, tasks: 20) { index, connection in
                let service = RegisterService(database: connection)
                var batch = (0..<2).map { offset in
                    RegisterWorld.pupil(
                        "Trần Văn Con\(index)x\(offset)", born: (1 + index, 1 + offset, 2020), sex: .male,
                        in: classes[(index + offset) % 2])
                }
                // Every fifth admission fails after its numbers were reserved: the child is already registered.
                if index % 5 == 4 { batch.append(already) }
                do {
                    return try await service.admit(batch, into: yearID, by: clerk).map(\.entry.number)
                } catch RegisterError.alreadyRegistered {
                    return []
                }
            }
            let numbers = outcomes.flatMap { $0 }.sorted()
            #expect(outcomes.filter(\.isEmpty).count == 4)
            #expect(numbers == Array(2...33))
            for batch in outcomes where !batch.isEmpty {
                #expect(batch == Array(batch[0]..<(batch[0] + batch.count)), "a batch's numbers are consecutive")
            }
            #expect(try await world.count("register_entries") == 33)
            #expect(try await world.count("students") == 33)
            #expect(try await world.count("enrollments") == 33)
            let book = try await world.register.book(year: world.year.id, by: world.principal)
            #expect(book.lines.map(\.entry.number) == Array(1...33))
            #expect(try await world.fixture.audit.verify() == .intact(entries: try await world.auditCount()))
            // The next admission continues the sequence: nothing was consumed by the failed ones.
            let next = try await world.register.admit(
                [RegisterWorld.pupil("Đỗ Minh Châu", born: (17, 4, 2020), sex: .female, in: classes[1])],
                into: world.year.id, by: world.clerk)
            #expect(next[0].entry.number == 34)
        }
    }

    @Test func aFailureInTheMiddleOfABatchWritesNothing() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class1A = try await world.makeClass("1A")
            let anh = RegisterWorld.pupil(
                "Nguyễn Thị Ánh", born: (5, 3, 2020), sex: .female, in: class1A, father: ("Nguyễn Văn Cường", "0912345601"))
            let bao = RegisterWorld.pupil(
                "Trần Đức Bảo", born: (20, 7, 2020), sex: .male, in: class1A, mother: ("Phạm Thị Dung", "0912345603"))
            let auditBefore = try await world.auditCount()
            // The third child is the first one again (listed twice): refused after two entries were written.
            await #expect(throws: RegisterError.alreadyRegistered(name: "Nguyễn Thị Ánh", numberText: "1/2026")) {
                try await world.register.admit([anh, bao, anh], into: world.year.id, by: world.clerk)
            }
            try await world.expectNothingWritten(auditBefore: auditBefore)
            // A caller's own step failing after the admission (as the conversion of a campaign would) undoes it too.
            struct LaterStepFailed: Error {}
            let clerk = world.clerk
            let yearID = world.year.id
            await #expect(throws: LaterStepFailed.self) {
                try await AuditedWrite(database: db).run(by: clerk) { tx -> (Int, [AuditEvent]) in
                    let admission = try await RegisterService.admit([anh, bao], into: yearID, by: clerk, at: Date(), on: tx)
                    #expect(admission.pupils.map(\.entry.number) == [1, 2])
                    throw LaterStepFailed()
                }
            }
            try await world.expectNothingWritten(auditBefore: auditBefore)
            // A class that is full refuses the whole batch.
            let small = try await world.makeClass("1B", capacity: 1)
            let auditWithClass = try await world.auditCount()
            await #expect(throws: RegisterError.classFull(className: "1B", capacity: 1)) {
                try await world.register.admit([anh.moved(to: small), bao.moved(to: small)], into: world.year.id, by: world.clerk)
            }
            try await world.expectNothingWritten(auditBefore: auditWithClass)
            // Afterwards the numbering starts at 1: nothing was consumed.
            let admitted = try await world.register.admit([bao, anh], into: world.year.id, by: world.clerk)
            #expect(admitted.map(\.entry.number) == [1, 2])
            #expect(admitted.map(\.entry.details.name.full) == ["Trần Đức Bảo", "Nguyễn Thị Ánh"])
        }
    }

    @Test func theSameChildOrGuardianIsNotStoredTwice() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class1A = try await world.makeClass("1A")
            let class1B = try await world.makeClass("1B")
            let first = try await world.register.admit(
                [
                    RegisterWorld.pupil(
                        "Nguyễn Thị Ánh", born: (5, 3, 2020), sex: .female, in: class1A, id: "001320000001",
                        father: ("Nguyễn Văn Cường", "0912 345 601"), mother: ("Trần Thị Bích", "0912.345.602"))
                ], into: world.year.id, by: world.clerk)
            // A sibling: the same parents typed another way (+84, no spaces, different case) are the same people.
            let sibling = try await world.register.admit(
                [
                    RegisterWorld.pupil(
                        "Nguyễn Minh Khang", born: (30, 11, 2020), sex: .male, in: class1B,
                        father: ("nguyễn văn cường", "+84912345601"), mother: ("Trần Thị Bích", "0912345602"))
                ], into: world.year.id, by: world.clerk)
            #expect(sibling[0].guardianIDs == first[0].guardianIDs)
            #expect(try await world.count("guardians") == 2)
            #expect(try await world.count("student_guardians") == 4)
            // The same child again — by personal ID, or by name and birth date when no ID is given — is refused.
            for again in [
                RegisterWorld.pupil("Nguyễn Thị Ánh Hồng", born: (1, 1, 2020), sex: .female, in: class1B, id: "0013 2000 0001"),
                RegisterWorld.pupil("NGUYỄN THỊ ÁNH", born: (5, 3, 2020), sex: .female, in: class1B),
            ] {
                await #expect(throws: RegisterError.alreadyRegistered(name: "Nguyễn Thị Ánh", numberText: "1/2026")) {
                    try await world.register.admit([again], into: world.year.id, by: world.clerk)
                }
            }
            // Same name and birthday but different personal IDs are two children; a parent without a phone is never
            // merged by name alone.
            let namesake = try await world.register.admit(
                [
                    RegisterWorld.pupil(
                        "Nguyễn Thị Ánh", born: (5, 3, 2020), sex: .female, in: class1B, id: "001320000077",
                        father: ("Nguyễn Văn Cường", ""))
                ], into: world.year.id, by: world.clerk)
            #expect(namesake[0].entry.number == 3)
            #expect(!first[0].guardianIDs.contains(namesake[0].guardianIDs[0]))
            #expect(try await world.count("students") == 3)
            #expect(try await world.count("guardians") == 3)
        }
    }

    @Test func onlyRegisterStaffAdmitAndInputProblemsAreNamedByPupil() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class1A = try await world.makeClass("1A")
            let teacher = try await world.fixture.caller(try await world.fixture.staff("dothihoa", "Đỗ Thị Hoa", roles: [.teacher]))
            let ok = RegisterWorld.pupil("Lê Văn Anh", born: (12, 1, 2020), sex: .male, in: class1A)
            await #expect(throws: RecordsError.forbidden) {
                try await world.register.admit([ok], into: world.year.id, by: teacher)
            }
            var bad = RegisterWorld.pupil(
                "Phạm Ngọc Ân", born: (2, 9, 2020), sex: .female, in: class1A,
                mother: ("Phạm Thị Em", "không có"))
            bad.child.personalID = "12345"
            bad.child.birthDate = nil
            do {
                try await world.register.admit([ok, bad], into: world.year.id, by: world.clerk)
                Issue.record("accepted bad input")
            } catch let problems as FieldProblems {
                #expect(problems.byField["pupils[1].birthDate"] == "Phạm Ngọc Ân: Vui lòng nhập ngày sinh (dd/mm/yyyy).")
                #expect(problems.byField["pupils[1].personalID"] == "Phạm Ngọc Ân: Mã định danh cá nhân gồm đúng 12 chữ số.")
                #expect(problems.byField["pupils[1].guardians[0].phone"] != nil)
                #expect(problems.byField.keys.allSatisfy { $0.hasPrefix("pupils[1].") })
            }
            #expect(try await world.count("students") == 0)
        }
    }

    @Test func numberFormatIsTheSchoolsChoiceAndWrittenNumbersKeepTheirText() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class1A = try await world.makeClass("1A")
            #expect(try await world.register.numberFormat() == .standard)
            let first = try await world.register.admit(
                [RegisterWorld.pupil("Lê Văn Anh", born: (12, 1, 2020), sex: .male, in: class1A)],
                into: world.year.id, by: world.clerk)
            #expect(first[0].entry.numberText == "1/2026")
            await #expect(throws: RecordsError.forbidden) { try await world.register.setNumberFormat("{n}", by: world.clerk) }
            try await world.register.setNumberFormat("{n:4}-{schoolYear}", by: world.principal)
            let second = try await world.register.admit(
                [RegisterWorld.pupil("Trần Đức Bảo", born: (20, 7, 2020), sex: .male, in: class1A)],
                into: world.year.id, by: world.clerk)
            #expect(second[0].entry.numberText == "0002-2026-2027")
            #expect(try await world.register.entry(first[0].entry.id, by: world.clerk).numberText == "1/2026")
            for (pattern, message) in [
                ("{x}/{n}", "Không hiểu {x}. Dùng {n}, {n:4}, {year} hoặc {schoolYear}."),
                ("{year}", "Mẫu phải có đúng một chỗ cho số thứ tự: {n} hoặc {n:4}."),
                ("{n}/{n}", "Mẫu phải có đúng một chỗ cho số thứ tự: {n} hoặc {n:4}."),
                ("{n", "Thiếu dấu } đóng."),
            ] {
                do {
                    try await world.register.setNumberFormat(pattern, by: world.principal)
                    Issue.record("accepted \(pattern)")
                } catch let problems as FieldProblems {
                    #expect(problems.byField["numberFormat"] == message)
                }
            }
            #expect(try await world.register.numberFormat().pattern == "{n:4}-{schoolYear}")
        }
    }

    @Test func numberFormatPrintsTheNumberAsTheSchoolWrites() throws {
        #expect(RegisterNumberFormat.standard.text(number: 125, yearName: "2026-2027") == "125/2026")
        #expect(try RegisterNumberFormat(pattern: "{n}").text(number: 125, yearName: "2026-2027") == "125")
        #expect(try RegisterNumberFormat(pattern: "ĐB-{n:5}/{year}").text(number: 125, yearName: "2026-2027") == "ĐB-00125/2026")
        #expect(try RegisterNumberFormat(pattern: "{n:2}").text(number: 125, yearName: "2026-2027") == "125")
    }
}

// MARK: - Shared by the register and roster tests

/// A school with a clerk and the current year, plus helpers to make classes and pupils.
struct RegisterWorld: Sendable {
    let fixture: Fixture
    let principal: Caller
    let clerk: Caller
    let year: SchoolYear
    var register: RegisterService { RegisterService(database: fixture.db, clock: fixture.clock.function) }
    var rosters: RosterService { RosterService(database: fixture.db, clock: fixture.clock.function) }

    static func make(on db: any Database) async throws -> RegisterWorld {
        let fixture = try await Fixture.make(on: db)
        let clerk = try await fixture.caller(try await fixture.staff("vanthu", "Trần Thị Lan", roles: [.clerk]))
        return RegisterWorld(
            fixture: fixture, principal: try await fixture.principalCaller(), clerk: clerk,
            year: try await fixture.school.currentYear())
    }

    func makeClass(_ name: String, grade: Int = 1, capacity: Int = 35, teacher: AccountID? = nil) async throws -> SchoolClass {
        try await fixture.classes.create(
            ClassDraft(name: name, grade: grade, homeroomTeacherID: teacher, capacity: capacity), by: principal)
    }

    /// A child entering on 15/08/2026; `fullName` in Kinh order unless `name` is given.
    static func pupil(
        _ fullName: String, name: PersonName? = nil, born: (Int, Int, Int), sex: Sex, in schoolClass: SchoolClass,
        id: String = "", ethnicity: String = "Kinh", father: (String, String)? = nil,
        mother: (String, String)? = nil
    ) -> NewPupil {
        var guardians: [NewGuardian] = []
        if let father { guardians.append(NewGuardian(name: PersonName(kinhFullName: father.0), relation: .father, phone: father.1)) }
        if let mother { guardians.append(NewGuardian(name: PersonName(kinhFullName: mother.0), relation: .mother, phone: mother.1)) }
        return NewPupil(
            child: NewStudent(
                name: name ?? PersonName(kinhFullName: fullName), birthDate: SchoolDate(year: born.2, month: born.1, day: born.0),
                sex: sex, personalID: id, ethnicity: ethnicity, placeOfBirth: "Phường Hoàn Kiếm, Thành phố Hà Nội",
                address: "Số 12 phố Hàng Bài, Phường Hoàn Kiếm"),
            guardians: guardians, classID: schoolClass.id, entryDate: SchoolDate(year: 2026, month: 8, day: 15)!)
    }

    func count(_ table: String) async throws -> Int {
        try await rowCount(table, on: fixture.db)
    }

    func auditCount() async throws -> Int {
        try await fixture.audit.entries(.init(), limit: nil, by: principal).count
    }

    func expectNothingWritten(auditBefore: Int) async throws {
        for table in ["students", "guardians", "student_guardians", "register_entries", "enrollments"] {
            #expect(try await count(table) == 0, "rows left in \(table)")
        }
        let counter = try await fixture.db.sql().raw("SELECT last_number FROM register_counter WHERE id = 1").first()
        #expect(try counter?.decode(column: "last_number", as: Int.self) == 0, "a number was consumed")
        #expect(try await auditCount() == auditBefore)
        #expect(try await fixture.audit.verify() == .intact(entries: auditBefore))
    }
}

extension NewPupil {
    func moved(to schoolClass: SchoolClass) -> NewPupil {
        var pupil = self
        pupil.classID = schoolClass.id
        return pupil
    }
}
