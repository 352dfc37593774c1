import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@Suite struct FamilyTests {
    /// Two siblings with the same mother, and another family.
    static func school(on db: any Database) async throws -> (RegisterWorld, mother: GuardianID, other: StudentID) {
        let world = try await RegisterWorld.make(on: db)
        let class1A = try await world.makeClass("1A")
        let class1B = try await world.makeClass("1B")
        let mother = ("Trần Thị Bích", "0912 345 602")
        let admitted = try await world.register.admit(
            [
                RegisterWorld.pupil(
                    "Nguyễn Thị Ánh", born: (5, 3, 2020), sex: .female, in: class1A, father: ("Nguyễn Văn Cường", "0912345601"),
                    mother: mother),
                RegisterWorld.pupil("Nguyễn Văn An", born: (9, 9, 2020), sex: .male, in: class1B, mother: mother),
                RegisterWorld.pupil("Lê Văn Anh", born: (12, 1, 2020), sex: .male, in: class1A, mother: ("Phạm Thị Hoa", "0987000111")),
            ], into: world.year.id, by: world.clerk)
        let student = try await world.register.student(admitted[0].entry.studentID, by: world.clerk)
        let motherID = try #require(student.guardians.first { $0.relation == .mother }).guardian.id
        return (world, motherID, admitted[2].entry.studentID)
    }

    func families(_ world: RegisterWorld) -> FamilyService {
        FamilyService(database: world.fixture.db, hasher: world.fixture.hasher, clock: world.fixture.clock.function)
    }

    func redemption(_ code: String, contact: String = "0912345602", username: String = "me.anh") -> InvitationRedemption {
        InvitationRedemption(
            code: code, contact: contact, username: username, password: "mat-khau-phu-huynh", passwordConfirmation: "mat-khau-phu-huynh")
    }

    @Test func anInvitedMotherOpensOneAccountThatSeesBothChildrenAndNoOneElse() async throws {
        try await TestDatabase.withFresh { db in
            let (world, mother, other) = try await Self.school(on: db)
            let service = families(world)
            let invitation = try await service.invite(mother, by: world.clerk)
            #expect(invitation.code.count == 9 && invitation.code.contains("-"))
            // The typed code may be lower‑case and without the dash; the phone in another spelling.
            let account = try await service.redeem(
                redemption(
                    invitation.code.lowercased().replacingOccurrences(of: "-", with: ""),
                    contact: "+84 912.345.602"), address: "10.0.0.1")
            #expect(account.kind == .parent)
            #expect(account.name.full == "Trần Thị Bích")
            let parent = Caller.family(account: account.id, displayName: account.name.full, address: "10.0.0.1")
            #expect(parent.isParent && parent.grants == .none)
            let children = try await service.children(by: parent)
            #expect(children.map(\.name.full) == ["Nguyễn Văn An", "Nguyễn Thị Ánh"])
            #expect(children.map(\.className) == ["1B", "1A"])
            #expect(children.allSatisfy { $0.relation == .mother && $0.yearName == "2026-2027" })
            #expect(children.map(\.registerNumber) == ["2/2026", "1/2026"])
            #expect(try await service.child(children[0].studentID, by: parent) == children[0])
            await #expect(throws: RecordsError.notFound) { try await service.child(other, by: parent) }
            // Staff have no "children"; a parent holds no staff right.
            await #expect(throws: RecordsError.forbidden) { try await service.children(by: world.clerk) }
            await #expect(throws: RecordsError.forbidden) { try await world.register.student(other, by: parent) }
            // The code works once; the guardian cannot be invited again; the account can log in.
            await #expect(throws: FieldProblems.self) {
                try await service.redeem(redemption(invitation.code, username: "me.anh2"), address: "10.0.0.1")
            }
            await #expect(throws: FieldProblems.self) { try await service.invite(mother, by: world.clerk) }
            let login = try await world.fixture.sessions.login(
                username: "me.anh", password: "mat-khau-phu-huynh", address: "10.0.0.1", userAgent: "t")
            #expect(login.session.stage == .active)
            let contacts = try await service.contacts(by: world.clerk)
            #expect(contacts.first { $0.guardian.id == mother }?.username == "me.anh")
            #expect(contacts.first { $0.guardian.id == mother }?.children == ["Mẹ của Nguyễn Thị Ánh", "Mẹ của Nguyễn Văn An"])
            #expect(contacts.count == 3)
            let actions = try await world.fixture.audit.entries(.init(entity: "guardian"), by: world.principal).map(\.event.action)
            #expect(actions == ["guardian.invite"])
            #expect(try await world.fixture.audit.verify() == .intact(entries: try await world.auditCount()))
        }
    }

    @Test func aWrongPhoneAnExpiredOrReplacedCodeAndGuessingAreRefused() async throws {
        try await TestDatabase.withFresh { db in
            let (world, mother, _) = try await Self.school(on: db)
            var service = families(world)
            service.invitationLifetime = 3600
            let first = try await service.invite(mother, by: world.clerk)
            func refusal(_ attempt: InvitationRedemption, address: String = "10.0.0.2") async throws -> String? {
                do {
                    _ = try await service.redeem(attempt, address: address)
                    return nil
                } catch let problems as FieldProblems {
                    return problems.list.first?.field
                }
            }
            // A wrong phone and an unknown code give the same answer under the code.
            #expect(try await refusal(redemption(first.code, contact: "0912345601")) == "code")
            #expect(try await refusal(redemption("ABCD-EFGH")) == "code")
            #expect(try await refusal(redemption("short")) == "code")
            #expect(try await refusal(redemption(first.code, username: "A")) == "username")
            // Every problem of the form is said at once, the taken name among them.
            do {
                _ = try await service.redeem(
                    InvitationRedemption(code: "short", contact: "", username: "vanthu", password: "123", passwordConfirmation: "1234"),
                    address: "10.0.0.3")
                Issue.record("a form full of problems was accepted")
            } catch let problems as FieldProblems {
                let fields = Set(problems.list.map(\.field))
                #expect(fields.isSuperset(of: ["code", "contact", "username"]) && fields.count >= 4, "\(problems.list)")
                #expect(problems.byField["username"]?.contains("đã có người dùng") == true)
            }
            // A new invitation replaces the first; the replaced code stops working.
            let second = try await service.invite(mother, by: world.clerk)
            #expect(second.code != first.code)
            #expect(try await refusal(redemption(first.code), address: "10.0.0.3") == "code")
            // An expired code is refused.
            world.fixture.clock.advance(3601)
            #expect(try await refusal(redemption(second.code), address: "10.0.0.4") == "code")
            #expect(try await world.count("guardian_accounts") == 0)
            // Guessing from one address stops after the limit, before any lookup.
            let third = try await service.invite(mother, by: world.clerk)
            var throttled = false
            for index in 0..<25 {
                do {
                    _ = try await service.redeem(
                        redemption(
                            String(format: "ZZZZ-%04d", index).replacingOccurrences(of: "0", with: "2")
                                .replacingOccurrences(of: "1", with: "3"), contact: "0912345602"), address: "10.9.9.9")
                } catch RecordsError.throttled {
                    throttled = true
                    break
                } catch is FieldProblems {}
            }
            #expect(throttled)
            // The right code from that address waits too; from elsewhere it works.
            await #expect(throws: RecordsError.self) { try await service.redeem(redemption(third.code), address: "10.9.9.9") }
            let account = try await service.redeem(redemption(third.code), address: "10.0.0.5")
            #expect(account.kind == .parent)
        }
    }
}
