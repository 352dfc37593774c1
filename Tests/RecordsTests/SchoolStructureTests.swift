import FluentKit
import Records
import TestSupport
import Testing

@Suite struct SchoolStructureTests {
    @Test func setupCreatesSchoolYearSubjectsAndPrincipalOnce() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            #expect(try await fixture.school.profile()?.name == "Trường Tiểu học Kiểm Thử")
            #expect(try await fixture.school.currentYear().name == "2026-2027")
            #expect(principal.grants.roles == [.principal])
            let grade1 = try await fixture.subjects.list(grade: 1, by: principal)
            #expect(grade1.filter(\.isScored).map(\.code) == ["TV", "TOAN"])
            let grade4 = try await fixture.subjects.list(grade: 4, by: principal)
            #expect(Set(grade4.filter(\.isScored).map(\.code)) == ["TV", "TOAN", "NN1", "LSDL", "KH", "THCN"])
            #expect(!grade4.contains { $0.code == "TNXH" })
            await #expect(throws: RecordsError.alreadySetUp) {
                try await SetupService(database: db, hasher: TestHasher()).run(
                    FirstRunSetup(
                        schoolName: "Khác", principalName: PersonName(kinhFullName: "Lê Văn Anh"), username: "khac",
                        password: Fixture.password, passwordConfirmation: Fixture.password))
            }
        }
    }

    @Test func setupWithProblemsWritesNothing() async throws {
        try await TestDatabase.withFresh { db in
            let service = SetupService(database: db, hasher: TestHasher())
            do {
                try await service.run(
                    FirstRunSetup(
                        schoolName: " ", principalName: PersonName(family: "", given: ""), username: "A B",
                        password: "ngan", passwordConfirmation: "khac"))
                Issue.record("setup accepted bad input")
            } catch let problems as FieldProblems {
                #expect(
                    problems.byField.keys.sorted() == ["family", "given", "password", "passwordConfirmation", "schoolName", "username"])
            }
            #expect(try await SchoolService(database: db).isSetUp() == false)
            #expect(try await AuditLog(database: db).verify() == .intact(entries: 0))
        }
    }

    @Test func creatingAClassWithAHomeroomTeacherIsAuditedTwice() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let hoa = try await fixture.staff("dothihoa", "Đỗ Thị Hoa", roles: [.teacher])
            let created = try await fixture.classes.create(
                ClassDraft(name: " 1D ", grade: 1, homeroomTeacherID: hoa.id, room: "P.204", capacity: 35), by: principal)
            #expect(created.name == "1D")
            #expect(created.homeroomTeacherName == "Đỗ Thị Hoa")
            let stored = try await fixture.classes.list(by: principal)
            #expect(stored.map(\.name) == ["1D"])
            #expect(stored[0].room == "P.204")
            let summaries = try await fixture.audit.entries(.init(entity: "class"), by: principal).map(\.event.summary)
            #expect(summaries.contains("Phân công chủ nhiệm lớp 1D: Đỗ Thị Hoa"))
            #expect(summaries.contains { $0.hasPrefix("Tạo lớp 1D") })
        }
    }

    @Test func invalidClassesAreRefusedByFieldAndNothingIsHalfSaved() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let hoa = try await fixture.staff("dothihoa", "Đỗ Thị Hoa", roles: [.teacher])
            try await fixture.classes.create(ClassDraft(name: "1A", grade: 1, homeroomTeacherID: hoa.id), by: principal)
            let auditBefore = try await fixture.audit.entries(.init(), limit: nil, by: principal).count
            let cases: [(ClassDraft, String, String)] = [
                (ClassDraft(name: "", grade: 1), "name", "Vui lòng nhập tên lớp."),
                (ClassDraft(name: "1A", grade: 1), "name", "Năm học 2026-2027 đã có lớp 1A."),
                (ClassDraft(name: "1B", grade: 7), "grade", "Vui lòng chọn khối từ 1 đến 5."),
                (ClassDraft(name: "1B", grade: 1, capacity: 36), "capacity", "Mỗi lớp có tối đa 35 học sinh."),
                (ClassDraft(name: "1B", grade: 1, capacity: 16, isMultiGrade: true), "capacity", "Lớp ghép có tối đa 15 học sinh."),
                (ClassDraft(name: "1B", grade: 1, capacity: nil), "capacity", "Vui lòng nhập sĩ số tối đa là một số từ 1 đến 35."),
                (
                    ClassDraft(name: "1B", grade: 1, homeroomTeacherID: hoa.id), "homeroomTeacherID",
                    "Đỗ Thị Hoa đã chủ nhiệm lớp 1A trong năm học này."
                ),
            ]
            for (draft, field, message) in cases {
                do {
                    try await fixture.classes.create(draft, by: principal)
                    Issue.record("accepted \(draft)")
                } catch let problems as FieldProblems {
                    #expect(problems.byField[field] == message)
                }
            }
            #expect(try await fixture.classes.list(by: principal).map(\.name) == ["1A"])
            #expect(try await fixture.audit.entries(.init(), limit: nil, by: principal).count == auditBefore)
        }
    }

    @Test func aStaleEditIsRefusedInsteadOfOverwriting() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let created = try await fixture.classes.create(ClassDraft(name: "2A", grade: 2), by: principal)
            try await fixture.classes.update(
                created.id, ClassDraft(name: "2A", grade: 2, room: "P.201"), version: created.version, by: principal)
            await #expect(throws: RecordsError.staleEdit) {
                try await fixture.classes.update(
                    created.id, ClassDraft(name: "2A", grade: 2, room: "P.999"), version: created.version, by: principal)
            }
            #expect(try await fixture.classes.get(created.id, by: principal).room == "P.201")
        }
    }

    @Test func schoolYearDatesMustBeInOrder() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let year = try await fixture.school.currentYear()
            var dates = year.dates
            dates.checkpoints[.midTerm2] = dates.startsOn
            do {
                try await fixture.school.updateYear(year.id, dates: dates, by: principal)
                Issue.record("accepted a mid-term II date in term I")
            } catch let problems as FieldProblems {
                #expect(problems.byField["midTerm2"] == "Ngày đánh giá Giữa học kì II phải nằm trong học kì II.")
            }
            #expect(try await fixture.school.currentYear().dates == year.dates)
            let next = try await fixture.school.createYear(startYear: 2027, dates: nil, by: principal)
            #expect(next.name == "2027-2028")
            try await fixture.school.makeCurrent(next.id, by: principal)
            #expect(try await fixture.school.currentYear().name == "2027-2028")
        }
    }

    @Test func profileRejectsAWardOutsideTheProvince() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let hanoi = AdminUnits.shared.province("01")
            #expect(hanoi?.name == "Thành phố Hà Nội")
            #expect(AdminUnits.shared.provinces.count == 34)
            let wardOfHanoi = AdminUnits.shared.wards(of: "01")[0]
            let otherProvince = AdminUnits.shared.provinces.first { $0.code != "01" }!
            do {
                try await fixture.school.updateProfile(
                    SchoolProfile(
                        name: "Trường A", provinceCode: otherProvince.code, wardCode: wardOfHanoi.code,
                        email: "sai email"), by: principal)
                Issue.record("accepted a ward of another province")
            } catch let problems as FieldProblems {
                #expect(problems.byField["wardCode"] == "Phường/xã không thuộc tỉnh/thành phố đã chọn.")
                #expect(problems.byField["email"] == "Địa chỉ email không hợp lệ.")
            }
            try await fixture.school.updateProfile(
                SchoolProfile(name: "Trường A", provinceCode: "01", wardCode: wardOfHanoi.code), by: principal)
            #expect(try await fixture.school.profile()?.wardCode == wardOfHanoi.code)
        }
    }

    @Test func teachingMustMatchTheClassGrade() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let teacher = try await fixture.staff("gvbm", "Hoàng Văn Nam", roles: [.teacher])
            let class2 = try await fixture.classes.create(ClassDraft(name: "2A", grade: 2), by: principal)
            let english3 = try await fixture.subjects.list(grade: 3, by: principal).first { $0.code == "NN1" }!
            await #expect(throws: FieldProblems("classIDs", "Lớp 2A không học môn Ngoại ngữ 1 khối 3.")) {
                try await fixture.teaching.assign(teacher: teacher.id, subject: english3.id, classes: [class2.id], by: principal)
            }
            #expect(try await fixture.teaching.list(by: principal).isEmpty)
        }
    }
}
