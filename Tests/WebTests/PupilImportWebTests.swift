import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The clerk brings the school's existing pupils in from Excel: the template, a foreign layout mapped by hand,
/// refusals that say what to do, and the pupils in their classes afterwards.
@Suite struct PupilImportWebTests {
    static func batchPath(_ page: Page) throws -> String {
        let location = try #require(page.location)
        #expect(location.hasPrefix("/register/imports/"))
        return location
    }

    static func year(_ app: Application) async throws -> [(String, String)] {
        let year = try #require(try await SchoolService(database: app.db).years(by: .system()).first { $0.isCurrent })
        return [("yearID", year.id.description)]
    }

    @Test func theClerkImportsTheFilledTemplateAndThePupilsAreInTheirClasses() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let start = try await clerk.get(Site.corrections())
            #expect(start.body.contains(Site.pupilImport()))
            let template = try await clerk.get(Site.pupilImportTemplate())
            #expect(template.status == .ok)
            #expect(template.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let sheet = try XLSXReader.rows(template.bytes)
            #expect(sheet.first?.prefix(4) == ["STT", "Số đăng bộ", "Mã định danh", "Họ và tên"])
            let uploaded = try await clerk.upload(Site.pupilImport(), try await Self.year(app), file: ("file", "mau.xlsx", template.bytes))
            #expect(uploaded.status == .seeOther)
            let path = try Self.batchPath(uploaded)
            let preview = try await clerk.get(path)
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Tất cả 2 học sinh hợp lệ"))
            #expect(preview.body.contains("data-progress-url=\"\(path)/progress\""))
            #expect(preview.body.contains("H&#39;Hen Niê") || preview.body.contains("H'Hen Niê"))
            let committed = try await clerk.post(path + "/commit", [])
            #expect(committed.status == .seeOther)
            // The progress the page polled while the import ran ends at done.
            let progress = try await clerk.get(path + "/progress")
            #expect(progress.status == .ok && progress.headers.contentType == .json)
            #expect(progress.body.contains("\"stage\":\"done\"") && progress.body.contains("\"total\":2"), "\(progress.body)")
            let system = Caller.system()
            let year = try #require(try await SchoolService(database: app.db).years(by: system).first { $0.isCurrent })
            let class3B = try #require(try await ClassService(database: app.db).list(year: year.id, by: system).first { $0.name == "3B" })
            let roster = try await RosterService(database: app.db).roster(class: class3B.id, by: system)
            #expect(roster.lines.map(\.name.full) == ["H'Hen Niê"])
            #expect(roster.lines.map(\.registerNumberText) == ["46/2023"])
            let page = try await clerk.get(Site.roster(class3B.id))
            #expect(page.body.contains("46/2023"))
            #expect(page.body.contains("Lớp đang có 1 học sinh, trong đó 1 nữ, 1 dân tộc thiểu số."))
            let workbook = try await clerk.get(Site.rosterXLSX(class3B.id))
            #expect(workbook.status == .ok)
            let rows = try XLSXReader.rows(workbook.bytes)
            #expect(rows.first == ["STT", "Họ và tên", "Họ đệm", "Tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số đăng bộ", "Ghi chú"])
            #expect(rows.dropFirst().first?.prefix(8) == ["1", "H'Hen Niê", "Niê", "H'Hen", "20/11/2016", "Nữ", "Ê Đê", "46/2023"])
            #expect(rows.contains(["Tổng số", "1"]) && rows.contains(["Nữ", "1"]))
            // The batch is done: its preview is gone and it cannot be imported twice.
            #expect(try await clerk.get(path).status == .notFound)
            #expect(try await clerk.post(path + "/commit", []).status != .seeOther)
            #expect(try await rowCount("register_entries", on: app.db) == 2)
        }
    }

    @Test func aOneClassExportWithAnUnknownColumnIsMappedOnThePreview() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let csv =
                "DANH SÁCH LỚP 4A\r\n\r\nSTT,Họ đệm,Tên,Ngày sinh,Giới tính,Tên mẹ,SĐT PH\r\n"
                + "1,Trần Đức,Bảo,02/02/2016,Nam,Lê Thị Thu,0912000333\r\n2,Niê,H'Ngọc,03/03/2016,Nữ,H'Lan Niê,0912000334\r\n"
            let uploaded = try await clerk.upload(Site.pupilImport(), try await Self.year(app), file: ("file", "4a.csv", Array(csv.utf8)))
            let path = try Self.batchPath(uploaded)
            let refused = try await clerk.get(path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Tệp không có cột “Lớp”: chọn lớp cho cả danh sách."))
            #expect(!refused.body.contains("/commit"))
            let chosen = try await clerk.post(
                path,
                [
                    ("column-0", "number"), ("column-1", "familyAndMiddle"), ("column-2", "given"), ("column-3", "birthDate"),
                    ("column-4", "sex"), ("column-5", "motherName"), ("column-6", "motherPhone"), ("defaultClass", "4A"),
                ])
            #expect(chosen.status == .seeOther)
            let preview = try await clerk.get(path)
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Đọc là tên Ê Đê"))
            #expect(try await clerk.post(path + "/commit", []).status == .seeOther)
            let system = Caller.system()
            let year = try #require(try await SchoolService(database: app.db).years(by: system).first { $0.isCurrent })
            let class4A = try #require(try await ClassService(database: app.db).list(year: year.id, by: system).first { $0.name == "4A" })
            let roster = try await RosterService(database: app.db).roster(class: class4A.id, by: system)
            #expect(roster.lines.map(\.name.full) == ["Trần Đức Bảo", "H'Ngọc Niê"])
            let student = try await RegisterService(database: app.db).student(roster.lines[1].studentID, by: system)
            #expect(student.guardians.map(\.guardian.phone) == ["0912000334"])
            // The phone column's meaning is remembered for the next file with the same header.
            let again = try await clerk.upload(
                Site.pupilImport(), try await Self.year(app), file: ("file", "4a-lan-2.csv", Array(csv.utf8)))
            let next = try await clerk.get(try Self.batchPath(again))
            #expect(next.body.contains("<option value=\"motherPhone\" selected>"))
        }
    }

    @Test func filesThatCannotBeReadAreRefusedNextToTheFieldAndATeacherIsKeptOut() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let xls = [UInt8]([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + [UInt8](repeating: 0, count: 600)
            let old = try await clerk.upload(Site.pupilImport(), try await Self.year(app), file: ("file", "ds.xls", xls))
            #expect(old.status == .unprocessableEntity)
            #expect(old.body.contains("Đây là tệp Excel đời cũ (.xls)"))
            #expect(old.body.contains("field-file-error"))
            let empty = try await clerk.upload(
                Site.pupilImport(), try await Self.year(app), file: ("file", "trong.csv", Array("a,b\r\n1,2\r\n".utf8)))
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Không tìm thấy dòng tiêu đề"))
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get(Site.pupilImport()).status == .forbidden)
            #expect(try await teacher.get(Site.pupilImportTemplate()).status == .forbidden)
            #expect(try await teacher.get(Site.pupilImportProgress(UUID())).status == .forbidden)
        }
    }
}
