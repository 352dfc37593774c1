import Foundation
import Records
import TestSupport
import Testing

@Suite struct AccessTests {
    let classA = ClassID(UUID())
    let classB = ClassID(UUID())
    let english = SubjectID(UUID())

    @Test func principalMayDoEverything() {
        let grants = Grants(roles: [.principal])
        for permission: Permission in [
            .manageAccounts, .manageSchool, .manageSecurityPolicy, .viewAudit, .grantRole(.inspector),
            .writeClassRecords(classA), .writeSubjectResults(classA, english), .manageAdmissions,
        ] {
            #expect(grants.allows(permission), "principal refused \(permission)")
        }
    }

    @Test func adminBoardManagesButCannotGrantPrincipalOrInspectorOrSetPolicy() {
        let grants = Grants(roles: [.adminBoard])
        #expect(grants.allows(.manageAccounts))
        #expect(grants.allows(.manageSchool))
        #expect(grants.allows(.grantRole(.teacher)))
        #expect(!grants.allows(.grantRole(.principal)))
        #expect(!grants.allows(.grantRole(.inspector)))
        #expect(!grants.allows(.manageSecurityPolicy))
        #expect(!grants.allows(.writeClassRecords(classA)))
    }

    @Test func homeroomTeacherWritesOwnClassOnly() {
        let grants = Grants(roles: [.teacher], homeroomClasses: [classA])
        #expect(grants.allows(.writeClassRecords(classA)))
        #expect(!grants.allows(.writeClassRecords(classB)))
        #expect(grants.allows(.readClass(classA)))
        #expect(!grants.allows(.readClass(classB)))
        #expect(!grants.allows(.manageSchool))
    }

    @Test func subjectTeacherCannotEditAnotherClassOrSubject() {
        let grants = Grants(roles: [.teacher], teaching: [Grants.ClassSubject(classID: classA, subjectID: english)])
        #expect(grants.allows(.writeSubjectResults(classA, english)))
        #expect(!grants.allows(.writeSubjectResults(classB, english)))
        #expect(!grants.allows(.writeSubjectResults(classA, SubjectID(UUID()))))
        #expect(!grants.allows(.writeClassRecords(classA)))
        #expect(grants.allows(.readClass(classA)))
    }

    @Test func inspectorReadsButNeverWrites() {
        let grants = Grants(roles: [.inspector])
        #expect(grants.allows(.viewSchool))
        #expect(grants.allows(.viewAudit))
        #expect(grants.allows(.readClass(classA)))
        for permission: Permission in [
            .manageAccounts, .manageSchool, .grantRole(.teacher), .writeClassRecords(classA),
            .writeSubjectResults(classA, english), .manageAdmissions, .manageSecurityPolicy,
        ] {
            #expect(!grants.allows(permission), "inspector allowed \(permission)")
        }
    }

    @Test func noRolesMeansNoAccess() {
        #expect(!Grants.none.allows(.viewSchool))
        #expect(!Grants.none.allows(.readClass(classA)))
    }

    @Test func expiredInspectorCannotReadAnything() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let until = SchoolDate(fixture.clock.now).adding(days: 10)
            let inspector = try await fixture.staff("thanhtra", "Phan Văn Đông", roles: [.inspector], inspectorUntil: until)
            let active = try await fixture.caller(inspector)
            #expect(active.grants.roles == [.inspector])
            _ = try await fixture.classes.list(by: active)
            _ = try await fixture.audit.entries(.init(), by: active)

            fixture.clock.advance(11 * 86_400)
            let expired = try await fixture.caller(inspector)
            #expect(expired.grants == .none)
            await #expect(throws: RecordsError.forbidden) { try await fixture.classes.list(by: expired) }
            await #expect(throws: RecordsError.forbidden) { try await fixture.audit.entries(.init(), by: expired) }
        }
    }

    @Test func inspectorCannotCreateAClassAndNothingIsWritten() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let inspector = try await fixture.staff(
                "thanhtra", "Phan Văn Đông", roles: [.inspector],
                inspectorUntil: SchoolDate(fixture.clock.now).adding(days: 30))
            let before = try await fixture.audit.entries(.init(), limit: nil, by: fixture.principalCaller()).count
            await #expect(throws: RecordsError.forbidden) {
                try await fixture.classes.create(ClassDraft(name: "1Z", grade: 1), by: try await fixture.caller(inspector))
            }
            #expect(try await fixture.classes.list(by: fixture.principalCaller()).isEmpty)
            #expect(try await fixture.audit.entries(.init(), limit: nil, by: fixture.principalCaller()).count == before)
        }
    }

    @Test func gradesFollowTheDatabaseAssignments() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let homeroom = try await fixture.staff("gvcn", "Phạm Thu Hà", roles: [.teacher])
            let subjectTeacher = try await fixture.staff("gvbm", "Hoàng Văn Nam", roles: [.teacher])
            let classA = try await fixture.classes.create(ClassDraft(name: "3A", grade: 3, homeroomTeacherID: homeroom.id), by: principal)
            let classB = try await fixture.classes.create(ClassDraft(name: "3B", grade: 3), by: principal)
            let english = try await fixture.subjects.list(grade: 3, by: principal).first { $0.code == "NN1" }!
            try await fixture.teaching.assign(teacher: subjectTeacher.id, subject: english.id, classes: [classA.id], by: principal)

            let gvcn = try await fixture.caller(homeroom)
            #expect(gvcn.may(.writeClassRecords(classA.id)))
            #expect(!gvcn.may(.writeClassRecords(classB.id)))
            let gvbm = try await fixture.caller(subjectTeacher)
            #expect(gvbm.may(.writeSubjectResults(classA.id, english.id)))
            #expect(!gvbm.may(.writeSubjectResults(classB.id, english.id)))
            await #expect(throws: RecordsError.forbidden) {
                try await fixture.classes.update(
                    classB.id, ClassDraft(name: "3B", grade: 3, room: "P.1"), version: classB.version, by: gvbm)
            }
            await #expect(throws: RecordsError.forbidden) { try await fixture.classes.get(classB.id, by: gvbm) }
            #expect(try await fixture.classes.get(classA.id, by: gvbm).name == "3A")
        }
    }
}
