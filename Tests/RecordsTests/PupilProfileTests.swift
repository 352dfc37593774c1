import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The pupil's profile (sơ yếu lý lịch) kept by the homeroom teacher: read for their own class, changed only
/// through a correction that the principal approves, never for another class's pupil.
@Suite struct PupilProfileTests {
    @Test func theHomeroomTeacherAsksForAProfileChangeForTheirOwnPupilsOnly() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let teacher = try await world.fixture.staff("gvcn.3a", "Lê Thị Hoa", roles: [.teacher])
            let other = try await world.fixture.staff("gvcn.3b", "Phạm Văn Tâm", roles: [.teacher])
            let class3A = try await world.makeClass("3A", grade: 3, teacher: teacher.id)
            let class3B = try await world.makeClass("3B", grade: 3, teacher: other.id)
            let admitted = try await world.register.admit(
                [
                    RegisterWorld.pupil(
                        "Nguyễn Thị Ánh", born: (5, 3, 2018), sex: .female, in: class3A, mother: ("Trần Thị Cúc", "0912000001")),
                    RegisterWorld.pupil("Đỗ Văn Bình", born: (6, 4, 2018), sex: .male, in: class3B),
                ], into: world.year.id, by: world.clerk)
            let homeroom = try await world.fixture.caller(teacher)
            let anh = try #require(try await world.register.entry(for: admitted[0].entry.studentID, by: homeroom))
            #expect(try await world.register.mayRequestCorrection(of: anh.studentID, by: homeroom))
            #expect(!(try await world.register.mayRequestCorrection(of: admitted[1].entry.studentID, by: homeroom)))
            await #expect(throws: RecordsError.forbidden) {
                _ = try await world.register.entry(for: admitted[1].entry.studentID, by: homeroom)
            }

            var profile = anh.details
            profile.hometown = "Xã Hòa Phong, tỉnh Đắk Lắk"
            profile.fatherName = "Nguyễn Văn Dũng"
            profile.personalID = "066318000123"
            let request = try await world.register.requestCorrection(
                anh.id, to: profile, reason: "Cập nhật sơ yếu lý lịch đầu năm theo phiếu gia đình", version: anh.version, by: homeroom)
            #expect(request.changedFields == ["Mã định danh", "Quê quán", "Họ tên cha"])
            #expect(request.requestedBy == "Lê Thị Hoa")
            #expect(try await world.register.entry(anh.id, by: world.clerk).details.hometown == "", "unchanged until approved")
            let approved = try await world.register.approveCorrection(request.id, by: world.principal)
            #expect(approved.details.hometown == "Xã Hòa Phong, tỉnh Đắk Lắk")
            #expect(approved.details.fatherName == "Nguyễn Văn Dũng")

            // Not for another class's pupil, even with a request made by hand; nor for a subject teacher.
            let binh = try await world.register.entry(admitted[1].entry.id, by: world.clerk)
            var wrong = binh.details
            wrong.hometown = "Hà Nội"
            await #expect(throws: RecordsError.forbidden) {
                try await world.register.requestCorrection(binh.id, to: wrong, reason: "Thử", version: binh.version, by: homeroom)
            }
            let english = try await world.fixture.caller(try await world.fixture.staff("gvbm", "Hoàng Văn Nam", roles: [.teacher]))
            await #expect(throws: RecordsError.forbidden) {
                try await world.register.requestCorrection(binh.id, to: wrong, reason: "Thử", version: binh.version, by: english)
            }
            #expect(try await world.register.pendingCorrections(by: world.principal).isEmpty)
        }
    }
}
