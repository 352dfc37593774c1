import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// Học bạ of a 4A pupil: generated from the register and the assessment book as PDF/A-2b (XMP identification,
/// output intent, embedded fonts), with the identity page, the school history, the year page and the places of the
/// signatures; a draft says what is missing; another class's teacher gets nothing.
@Suite struct TranscriptWebTests {
    @Test func theTranscriptOfAPupilOf4A() async throws {
        try await withHoso { app in
            let (year, class4A, _) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.endOfYear, year: year, app)
            let roster = try await RosterService(database: app.db).roster(class: class4A.id, by: .system())
            let (pupil, other) = (roster.lines[0], roster.lines[1])
            try await YearEndWebTests.fill(pupil.studentID, class4A, level: "T", score: 8, math: ("T", 8), app)

            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.4a", DemoSchool.password)
            #expect(try await teacher.get(Site.yearResults(class4A.id)).body.contains(Site.transcriptPDF(class4A.id, pupil.studentID)))
            let response = try await teacher.get(Site.transcriptPDF(class4A.id, pupil.studentID))
            #expect(response.status == .ok && response.headers.contentType?.subType == "pdf")
            let file = try Poppler.write(response.bytes, name: "hoc-ba")
            let text = try Poppler.text(file)
            for expected in [
                "HỌC BẠ", "TIỂU HỌC", pupil.name.full.uppercased(), "QUÁ TRÌNH HỌC TẬP", "NĂM HỌC 2026-2027 · LỚP 4A",
                "Các môn học và hoạt động giáo dục", "Những phẩm chất chủ yếu", "Yêu nước", "Kết quả giáo dục: Hoàn thành tốt",
                "Hoàn thành chương trình lớp học", "GIÁO VIÊN CHỦ NHIỆM", "HIỆU TRƯỞNG", "Nguyễn Văn Minh",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            #expect(!text.contains("BẢN NHÁP"))
            let meta = try Poppler.runKeepingErrors("pdfinfo", ["-meta", file.path], package: "poppler-utils")
            #expect(meta.errors.isEmpty && meta.output.contains("<pdfaid:part>2</pdfaid:part>"))
            #expect(String(decoding: response.bytes, as: UTF8.self).contains("/OutputIntents"))
            #expect(try Poppler.fonts(file).allSatisfy { $0.embedded && $0.name.contains("Liberation") })

            // A pupil without year-end values: a draft that names what is missing.
            let draft = try Poppler.text(try Poppler.write(try await teacher.get(Site.transcriptPDF(class4A.id, other.studentID)).bytes))
            #expect(draft.contains("BẢN NHÁP — chưa đủ kết quả") && draft.contains("Kết quả giáo dục: chưa đủ dữ liệu"))

            let stranger = TestBrowser(app)
            try await stranger.login("gvcn.4b", DemoSchool.password)
            #expect(try await stranger.get(Site.transcriptPDF(class4A.id, pupil.studentID)).status == .forbidden)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            #expect(try await clerk.get(Site.transcriptPDF(class4A.id, pupil.studentID)).status == .ok)
        }
    }
}
