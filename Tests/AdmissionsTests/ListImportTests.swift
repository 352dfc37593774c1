import Admissions
import Documents
import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

func csv(_ lines: [String]) -> [UInt8] {
    Array(
        ("\u{FEFF}Họ và tên,Ngày sinh,Giới tính,Mã định danh,Họ tên cha mẹ,Số điện thoại,Địa chỉ,Lý do\r\n"
            + lines.joined(separator: "\r\n")).utf8)
}

@Suite struct ListImportTests {
    @Test func windowsOpenAtTheirFirstMinuteAndCloseAtTheLast() {
        let from = Date(timeIntervalSince1970: 1_814_400_000)
        let windows = CampaignWindows(
            codesFrom: from - 100, applyFrom: from, applyUntil: from + 3600, reviewUntil: from + 7200,
            resultsAt: from + 9000, confirmBy: from + 10_000)
        #expect(!windows.isApplicationOpen(at: from - 60))
        #expect(!windows.isApplicationOpen(at: from - 0.001))
        #expect(windows.isApplicationOpen(at: from))
        #expect(windows.isApplicationOpen(at: from + 3599))
        #expect(!windows.isApplicationOpen(at: from + 3600))
        var broken = windows
        broken.applyUntil = from - 1
        #expect(broken.problems().byField["applyUntil"] == "Thời điểm đóng đăng ký phải sau thời điểm mở.")
    }

    @Test func aCampaignForTheWrongBirthYearIsRefused() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            var draft = CampaignDraft(
                schoolYearName: "2027-2028", title: "Đợt 1", birthYear: 2020, classes: 4,
                windows: CampaignWindows(
                    codesFrom: Date(), applyFrom: Date() + 60, applyUntil: Date() + 120,
                    reviewUntil: Date() + 180, resultsAt: Date() + 240, confirmBy: Date() + 300))
            await #expect(throws: FieldProblems("birthYear", "Trẻ vào lớp 1 năm học 2027-2028 sinh năm 2021.")) {
                try await CampaignService(database: db).create(draft, by: fixture.principalCaller())
            }
            draft.birthYear = 2021
            draft.placesPerClass = 40
            await #expect(throws: FieldProblems("placesPerClass", "Mỗi lớp tối đa 35 học sinh.")) {
                try await CampaignService(database: db).create(draft, by: fixture.principalCaller())
            }
            let teacher = try await fixture.staff("giaovien", "Lê Văn Anh", roles: [.teacher])
            draft.placesPerClass = 35
            await #expect(throws: RecordsError.forbidden) {
                try await CampaignService(database: db).create(draft, by: fixture.caller(teacher))
            }
            #expect(try await CampaignService(database: db).list(by: .system()).isEmpty)
        }
    }

    @Test func aListWithABadRowImportsNothingUntilFixed() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let campaign = try await makeCampaign(fixture)
            let clerk = try await fixture.caller(try await fixture.staff("vanthu", "Lê Thị Mai", roles: [.clerk]))
            let lists = ListService(database: db, clock: fixture.clock.function)
            let kg = try await lists.addKindergarten(to: campaign.id, name: "Trường Mầm non Hoa Sen", address: "", contact: "", by: clerk)
            let bad = csv([
                "Nguyễn Thị Ánh,05/03/2021,Nữ,001321000001,Nguyễn Văn Bình,0912345678,Tổ 5,",
                "Lê Văn Anh,12/11/2022,Nam,,Lê Văn Cường,0987654321,Tổ 6,",
                "Trần Đức Bảo,31/02/2021,Nam,,,,,",
            ])
            let (batch, preview) = try await lists.preview(
                campaign: campaign.id, kindergarten: kg.id, filename: "hoa-sen.csv", bytes: bad, by: clerk)
            #expect(preview.rows.count == 3)
            #expect(preview.badRows.map(\.line) == [3, 4])
            #expect(preview.badRows[0].problems == ["Trẻ sinh năm 2022 chưa đủ tuổi vào lớp 1 (đúng độ tuổi là sinh năm 2021)."])
            #expect(preview.badRows[1].problems == ["Ngày sinh không hợp lệ (viết dd/mm/yyyy)."])
            await #expect(throws: FieldProblems.self) { try await lists.commit(batch: try #require(batch), by: clerk) }
            #expect(try await lists.children(of: campaign.id, by: clerk).isEmpty)

            let fixed = csv([
                "Nguyễn Thị Ánh,05/03/2021,Nữ,001321000001,Nguyễn Văn Bình,0912345678,Tổ 5,",
                "Lê Văn Anh,12/11/2020,Nam,,Lê Văn Cường,0987654321,Tổ 6,Chậm phát triển thể chất",
                "Trần Đức Bảo,28/02/2021,Nam,,,,,",
                "\"Niê, H'Hen\",01/01/2021,Nữ,,,,,",
            ])
            let (fixedBatch, fixedPreview) = try await lists.preview(
                campaign: campaign.id, kindergarten: kg.id, filename: "hoa-sen.csv", bytes: fixed, by: clerk)
            #expect(fixedPreview.isImportable, "\(fixedPreview.badRows.map(\.problems))")
            #expect(try await lists.commit(batch: try #require(fixedBatch), by: clerk) == 4)
            let children = try await lists.children(of: campaign.id, by: clerk)
            #expect(children.count == 4)
            #expect(Set(children.compactMap(\.code)).count == 4)
            #expect(children.map(\.entry.name.given).prefix(3) == ["Anh", "Ánh", "Bảo"])
            #expect(try await lists.kindergartens(of: campaign.id, by: clerk).first?.childCount == 4)
            await #expect(throws: RecordsError.notFound, "a batch imports once") {
                try await lists.commit(batch: try #require(fixedBatch), by: clerk)
            }
        }
    }

    @Test func anExcelListImportsLikeACSV() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let campaign = try await makeCampaign(fixture)
            let principal = try await fixture.principalCaller()
            let lists = ListService(database: db, clock: fixture.clock.function)
            let kg = try await lists.addKindergarten(to: campaign.id, name: "Mầm non Họa Mi", address: "", contact: "", by: principal)
            var writer = XLSXWriter()
            writer.addSheet(
                name: "Danh sách", header: ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã định danh", "Số điện thoại"],
                rows: [
                    [
                        .integer(1), .text("Y Kŏ Êban"), .date(year: 2021, month: 8, day: 8), .text("Nam"), .integer(1_321_000_008),
                        .text("0912345607"),
                    ],
                    [
                        .integer(2), .text("Nguye\u{0302}\u{0303}n Bảo Ngọc"), .date(year: 2021, month: 4, day: 30), .text("Nữ"), .empty,
                        .integer(912_345_678),
                    ],
                ])
            let (batch, preview) = try await lists.preview(
                campaign: campaign.id, kindergarten: kg.id, filename: "hoa-mi.xlsx",
                bytes: try writer.data(), by: principal)
            #expect(preview.badRows.isEmpty, "\(preview.badRows.map(\.problems))")
            #expect(preview.rows.map(\.child.name.full) == ["Y Kŏ Êban", "Nguyễn Bảo Ngọc"])
            #expect(preview.rows.map { $0.child.birthDate?.display } == ["08/08/2021", "30/04/2021"])
            #expect(preview.rows.map(\.child.personalID) == ["001321000008", ""])
            #expect(preview.rows.map(\.child.parentPhone) == ["0912345607", "0912345678"])
            #expect(try await lists.commit(batch: try #require(batch), by: principal) == 2)
            let (_, broken) = try await lists.preview(
                campaign: campaign.id, kindergarten: kg.id, filename: "x.xlsx",
                bytes: [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], by: principal)
            #expect(broken.fileProblem != nil)
        }
    }

    @Test func theSameChildOnTwoListsIsCaught() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let campaign = try await makeCampaign(fixture)
            let principal = try await fixture.principalCaller()
            let lists = ListService(database: db, clock: fixture.clock.function)
            let a = try await lists.addKindergarten(to: campaign.id, name: "Mầm non A", address: "", contact: "", by: principal)
            let b = try await lists.addKindergarten(to: campaign.id, name: "Mầm non B", address: "", contact: "", by: principal)
            let (batch, _) = try await lists.preview(
                campaign: campaign.id, kindergarten: a.id, filename: "a.csv",
                bytes: csv(["Phạm Ngọc Ân,07/07/2021,Nam,001221000007,,,,"]), by: principal)
            _ = try await lists.commit(batch: try #require(batch), by: principal)
            // Same name written in decomposed form and without the ID; and another child sharing the ID.
            let (_, preview) = try await lists.preview(
                campaign: campaign.id, kindergarten: b.id, filename: "b.csv",
                bytes: csv([
                    "Pha\u{0323}m Ngo\u{0323}c A\u{0302}n,7/7/2021,Nam,,,,,",
                    "Vũ Minh Khang,01/02/2021,Nam,001221000007,,,,",
                    "Vũ Minh Khôi,01/02/2021,Nam,,,,,",
                    "Vũ Minh Khôi,01/02/2021,Nam,,,,,",
                ]), by: principal)
            #expect(preview.badRows.map(\.line) == [2, 3, 5])
            #expect(preview.badRows[0].problems == ["Trẻ đã có trong danh sách: danh sách Mầm non A."])
            #expect(preview.badRows[2].problems == ["Trùng với dòng 4 (cùng họ tên và ngày sinh)."])
        }
    }

    @Test func filesThatAreNotListsAreExplained() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let campaign = try await makeCampaign(fixture)
            let principal = try await fixture.principalCaller()
            let lists = ListService(database: db, clock: fixture.clock.function)
            let kg = try await lists.addKindergarten(to: campaign.id, name: "Mầm non A", address: "", contact: "", by: principal)
            let (batch, binary) = try await lists.preview(
                campaign: campaign.id, kindergarten: kg.id, filename: "x.csv",
                bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 1, 2], by: principal)
            #expect(batch == nil)
            #expect(binary.fileProblem?.contains("CSV UTF-8") == true)
            let (_, noHeader) = try await lists.preview(
                campaign: campaign.id, kindergarten: kg.id, filename: "x.csv",
                bytes: Array("a,b\n1,2\n".utf8), by: principal)
            #expect(noHeader.fileProblem == "Không tìm thấy cột “Họ và tên” và “Ngày sinh” ở dòng đầu của tệp.")
        }
    }

    @Test func walkInsNeedAReasonAndReissuedCodesStopWorking() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let campaign = try await makeCampaign(fixture)
            let desk = try await fixture.caller(try await fixture.staff("thuongtruc", "Hoàng Thị Thu", roles: [.onDutyStaff]))
            let lists = ListService(database: db, clock: fixture.clock.function)
            let child = ChildEntry(
                name: PersonName(kinhFullName: "Đỗ Minh Châu"), birthDate: SchoolDate(year: 2021, month: 9, day: 2), gender: .female)
            await #expect(throws: FieldProblems("walkInReason", "Ghi rõ lý do cấp mã tại bàn (đã kiểm tra giấy khai sinh…).")) {
                try await lists.addChild(child, to: campaign.id, kindergarten: nil, walkInReason: " ", by: desk)
            }
            let walkIn = try await lists.addChild(
                child, to: campaign.id, kindergarten: nil,
                walkInReason: "Chuyển đến từ tỉnh khác, đã xem giấy khai sinh", by: desk)
            let old = try #require(walkIn.code)
            await #expect(throws: RecordsError.forbidden, "the desk cannot revoke codes") {
                try await CodeService(database: db).reissue(old, reason: "Mất phiếu", by: desk)
            }
            let fresh = try await CodeService(database: db).reissue(old, reason: "Mất phiếu", by: fixture.principalCaller())
            #expect(fresh != old)
            let listed = try await lists.children(of: campaign.id, by: fixture.principalCaller())
            #expect(listed.map(\.code) == [fresh])
            let summaries = try await fixture.audit.entries(.init(), by: fixture.principalCaller()).map(\.event.summary)
            // The log names codes by their last two symbols only: the whole code would open the family's application.
            #expect(summaries.contains { $0.hasPrefix("Thu hồi mã \(old.masked), cấp mã mới \(fresh.masked)") })
            #expect(!summaries.contains { $0.contains(old.display) || $0.contains(fresh.display) })
            #expect(summaries.contains { $0.hasPrefix("Cấp mã tại bàn cho Đỗ Minh Châu") })
        }
    }

    @Test func theDatabaseRefusesADuplicateCode() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let campaign = try await makeCampaign(fixture)
            let lists = ListService(database: db, clock: fixture.clock.function)
            let child = try await lists.addChild(
                ChildEntry(
                    name: PersonName(kinhFullName: "Lê Văn Anh"), birthDate: SchoolDate(year: 2021, month: 1, day: 1),
                    gender: .male), to: campaign.id, kindergarten: nil, by: fixture.principalCaller())
            let code = try #require(child.code)
            let sql = db as! any SQLDatabase
            await #expect(throws: (any Error).self) {
                try await sql.raw(
                    """
                    INSERT INTO registration_codes (code, campaign_id, child_id, status, issued_at, note, locked_until)
                    VALUES (\(bind: code.symbols), \(bind: campaign.id.uuid), \(bind: child.id.uuid), 'active', 'x', '', 0)
                    """
                ).run()
            }
        }
    }
}
