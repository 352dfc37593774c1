import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@Suite struct RegisterCorrectionTests {
    /// A world with one registered pupil, Nguyễn Thị Ánh, born 05/03/2020.
    static func registered(on db: any Database) async throws -> (RegisterWorld, RegisterEntry) {
        let world = try await RegisterWorld.make(on: db)
        let class1A = try await world.makeClass("1A")
        let admitted = try await world.register.admit(
            [
                RegisterWorld.pupil(
                    "Nguyễn Thị Ánh", born: (5, 3, 2020), sex: .female, in: class1A, id: "001320000001",
                    father: ("Nguyễn Văn Cường", "0912345601"))
            ], into: world.year.id, by: world.clerk)
        return (world, admitted[0].entry)
    }

    @Test func onlyThePrincipalApprovesAndOnlyRegisterStaffWrite() {
        let rights: [(Grants, read: Bool, write: Bool, approve: Bool)] = [
            (Grants(roles: [.principal]), true, true, true),
            (Grants(roles: [.clerk]), true, true, false),
            (Grants(roles: [.adminBoard]), true, true, false),
            (Grants(roles: [.inspector]), true, false, false),
            (Grants(roles: [.councilChair]), false, false, false),
            (Grants(roles: [.teacher], homeroomClasses: [ClassID(UUID())]), false, false, false),
        ]
        for (grants, read, write, approve) in rights {
            #expect(grants.allows(.readRegister) == read, "\(grants.roles) read")
            #expect(grants.allows(.writeRegister) == write, "\(grants.roles) write")
            #expect(grants.allows(.approveCorrections) == approve, "\(grants.roles) approve")
        }
    }

    @Test func aCorrectionTakesEffectOnlyWhenThePrincipalApproves() async throws {
        try await TestDatabase.withFresh { db in
            let (world, entry) = try await Self.registered(on: db)
            var fixed = entry.details
            fixed.birthDate = SchoolDate(year: 2020, month: 3, day: 15)!
            fixed.name = PersonName(family: "Nguyễn", middle: "Thị Ngọc", given: "Ánh")
            let request = try await world.register.requestCorrection(
                entry.id, to: fixed, reason: "Sai ngày sinh và tên đệm so với giấy khai sinh", version: entry.version, by: world.clerk)
            #expect(request.status == .pending)
            #expect(request.changedFields == ["Họ và tên", "Ngày sinh"])
            // Before approval the register still says what it said.
            #expect(try await world.register.entry(entry.id, by: world.clerk) == entry)
            #expect(try await world.register.pendingCorrections(by: world.principal).map(\.id) == [request.id])
            // The clerk who asked cannot approve.
            await #expect(throws: RecordsError.forbidden) { try await world.register.approveCorrection(request.id, by: world.clerk) }
            #expect(try await world.register.entry(entry.id, by: world.clerk) == entry)
            let corrected = try await world.register.approveCorrection(request.id, note: "Đã đối chiếu bản chính", by: world.principal)
            #expect(corrected.details.birthDate == SchoolDate(year: 2020, month: 3, day: 15))
            #expect(corrected.details.name.full == "Nguyễn Thị Ngọc Ánh")
            #expect(corrected.version == entry.version + 1)
            #expect(corrected.number == entry.number)
            #expect(corrected.numberText == entry.numberText)
            #expect(try await world.register.entry(entry.id, by: world.clerk) == corrected)
            #expect(try await world.register.student(entry.studentID, by: world.clerk).name.full == "Nguyễn Thị Ngọc Ánh")
            // The old values stay in the history.
            let history = try await world.register.corrections(of: entry.id, by: world.principal)
            #expect(history.count == 1)
            #expect(history[0].status == .approved)
            #expect(history[0].before == entry.details)
            #expect(history[0].before.birthDate == SchoolDate(year: 2020, month: 3, day: 5))
            #expect(history[0].after == corrected.details)
            #expect(history[0].requestedBy == "Trần Thị Lan")
            #expect(history[0].decidedBy == "Nguyễn Văn Minh")
            #expect(history[0].decisionNote == "Đã đối chiếu bản chính")
            #expect(try await world.register.pendingCorrections(by: world.principal).isEmpty)
            await #expect(throws: RegisterError.correctionDecided) {
                try await world.register.approveCorrection(request.id, by: world.principal)
            }
            let summaries = try await world.fixture.audit.entries(.init(), limit: nil, by: world.principal).map(\.event.summary)
            #expect(summaries.contains("Duyệt đính chính sổ đăng bộ số 1/2026: Họ và tên, Ngày sinh"))
            #expect(summaries.contains { $0.hasPrefix("Đề nghị đính chính sổ đăng bộ số 1/2026 (Họ và tên, Ngày sinh)") })
            #expect(try await world.fixture.audit.verify() == .intact(entries: try await world.auditCount()))
        }
    }

    @Test func aRejectedCorrectionLeavesTheEntryAndIsKept() async throws {
        try await TestDatabase.withFresh { db in
            let (world, entry) = try await Self.registered(on: db)
            var wrong = entry.details
            wrong.placeOfBirth = "Hải Phòng"
            let request = try await world.register.requestCorrection(
                entry.id, to: wrong, reason: "Ghi nhầm nơi sinh", version: 1, by: world.clerk)
            // One request at a time.
            await #expect(throws: RegisterError.correctionPending) {
                try await world.register.requestCorrection(entry.id, to: wrong, reason: "Lần nữa", version: 1, by: world.clerk)
            }
            await #expect(throws: RecordsError.forbidden) {
                try await world.register.rejectCorrection(request.id, note: "Không", by: world.clerk)
            }
            do {
                try await world.register.rejectCorrection(request.id, note: " ", by: world.principal)
                Issue.record("rejected without a reason")
            } catch let problems as FieldProblems {
                #expect(problems.byField["note"] == "Vui lòng ghi lý do không duyệt.")
            }
            let rejected = try await world.register.rejectCorrection(
                request.id, note: "Giấy khai sinh ghi giới tính Nữ", by: world.principal)
            #expect(rejected.status == .rejected)
            #expect(try await world.register.entry(entry.id, by: world.clerk) == entry)
            #expect(try await world.register.corrections(of: entry.id, by: world.clerk).map(\.status) == [.rejected])
            await #expect(throws: RegisterError.correctionDecided) {
                try await world.register.approveCorrection(request.id, by: world.principal)
            }
            #expect(try await world.register.entry(entry.id, by: world.clerk) == entry)
        }
    }

    @Test func requestsAreCheckedBeforeAnythingIsStored() async throws {
        try await TestDatabase.withFresh { db in
            let (world, entry) = try await Self.registered(on: db)
            let teacher = try await world.fixture.caller(try await world.fixture.staff("dothihoa", "Đỗ Thị Hoa", roles: [.teacher]))
            var changed = entry.details
            changed.placeOfBirth = "Xã Ea Kao, Tỉnh Đắk Lắk"
            await #expect(throws: RecordsError.forbidden) {
                try await world.register.requestCorrection(entry.id, to: changed, reason: "Sai nơi sinh", version: 1, by: teacher)
            }
            await #expect(throws: RecordsError.staleEdit) {
                try await world.register.requestCorrection(entry.id, to: changed, reason: "Sai nơi sinh", version: 7, by: world.clerk)
            }
            for (details, reason, field) in [(changed, "  ", "reason"), (entry.details, "Không đổi gì", "reason")] {
                do {
                    try await world.register.requestCorrection(entry.id, to: details, reason: reason, version: 1, by: world.clerk)
                    Issue.record("accepted \(reason)")
                } catch let problems as FieldProblems {
                    #expect(problems.byField[field] != nil)
                }
            }
            var badID = entry.details
            badID.personalID = "0013-2000"
            do {
                try await world.register.requestCorrection(
                    entry.id, to: badID, reason: "Cập nhật mã định danh", version: 1, by: world.clerk)
                Issue.record("accepted a short personal ID")
            } catch let problems as FieldProblems {
                #expect(problems.byField["personalID"] == "Mã định danh cá nhân gồm đúng 12 chữ số.")
            }
            #expect(try await world.register.corrections(of: entry.id, by: world.clerk).isEmpty)
            // A personal ID that belongs to another pupil is refused.
            let other = try await world.register.admit(
                [
                    RegisterWorld.pupil(
                        "Lê Thị Anh", born: (12, 1, 2020), sex: .female, in: try await world.makeClass("1B"), id: "001320000002")
                ], into: world.year.id, by: world.clerk)
            var taken = entry.details
            taken.personalID = "001320000002"
            do {
                try await world.register.requestCorrection(
                    entry.id, to: taken, reason: "Cập nhật mã định danh", version: 1, by: world.clerk)
                Issue.record("accepted another pupil's personal ID")
            } catch let problems as FieldProblems {
                #expect(problems.byField["personalID"] == "Mã định danh này đã thuộc học sinh Lê Thị Anh.")
            }
            #expect(other.count == 1)
        }
    }
}
