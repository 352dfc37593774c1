import Documents
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

/// The homeroom teacher signs the class's complete học bạ with a PKCS#12 of the trial CA, the principal signs them
/// after; the served file is the signed one, frozen, and two signatures verify (hoso's verifier and pdfsig).
@Suite struct TranscriptSigningWebTests {
    @Test func teacherThenPrincipalSignTheClass() async throws {
        try await withHoso { app in
            let (year, class4A, _) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.endOfYear, year: year, app)
            let roster = try await RosterService(database: app.db).roster(class: class4A.id, by: .system())
            let complete = [roster.lines[0].studentID, roster.lines[1].studentID]
            for pupil in complete { try await YearEndWebTests.fill(pupil, class4A, level: "T", score: 9, math: ("T", 9), app) }
            let teacherName = try #require(roster.homeroomTeacherName)
            let ca = try TrialCA.make(signers: [("teacher", teacherName), ("principal", "Nguyễn Văn Minh"), ("other", "Người Khác")])
            let sign = Site.transcriptSign(class4A.id)

            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.4a", DemoSchool.password)
            let page = try await teacher.get(Site.yearResults(class4A.id))
            #expect(page.body.contains("Giáo viên chủ nhiệm ký học bạ cả lớp") && !page.body.contains("Ký, đóng dấu học bạ"))
            func upload(_ browser: TestBrowser, _ name: String, passphrase: String, stage: String) async throws -> String {
                let response = try await browser.upload(
                    sign, [("passphrase", passphrase), ("stage", stage)], file: ("file", "\(name).p12", try ca.pkcs12(name)))
                #expect(response.status == .seeOther)
                return try await browser.get(response.location ?? "").body
            }
            #expect(
                try await upload(teacher, "teacher", passphrase: "sai", stage: "teacher").contains(
                    "Không mở được chứng thư số: sai mật khẩu"))
            #expect(
                try await upload(teacher, "other", passphrase: ca.passphrase("other"), stage: "teacher").contains("mang tên “Người Khác”"))
            let asPrincipal = try await teacher.upload(
                sign, [("passphrase", ca.passphrase("teacher")), ("stage", "principal")], file: ("file", "t.p12", try ca.pkcs12("teacher")))
            #expect(asPrincipal.status == .forbidden)
            #expect(try await rowCount("signed_transcripts", on: app.db) == 0, "a teacher cannot sign as the principal")
            let signed = try await upload(teacher, "teacher", passphrase: ca.passphrase("teacher"), stage: "teacher")
            #expect(signed.contains("Đã ký 2 học bạ.") && signed.contains("chưa đủ kết quả"))

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let sealed = try await upload(principal, "principal", passphrase: ca.passphrase("principal"), stage: "principal")
            #expect(sealed.contains("Đã ký 2 học bạ.") && sealed.contains("Đã ký: \(teacherName); Nguyễn Văn Minh"))

            let served = try await teacher.get(Site.transcriptPDF(class4A.id, complete[0])).bytes
            let verdicts = PDFVerifier.verify(served, trusting: try [UInt8](Data(contentsOf: ca.caPEM)))
            #expect(verdicts.map(\.signer) == [teacherName, "Nguyễn Văn Minh"] && verdicts.allSatisfy { $0.intact && $0.trusted == true })
            let report = try Poppler.run(
                "pdfsig", ["-nssdir", try ca.trustStore(), try Poppler.write(served).path], package: "poppler-utils")
            #expect(report.components(separatedBy: "Signature is Valid.").count - 1 == 2, "\(report)")

            // The QR code on the học bạ leads to the public verification page: kind, school, signers, the file's hash —
            // not the pupil's name; the code works typed in lower case without its dash; an unknown code is a 404.
            let pdfFile = try Poppler.write(served, name: "hoc-ba-qr")
            let link = try #require(try Poppler.qrCodes(pdfFile, page: try Poppler.pageCount(pdfFile)).first)
            let path = try #require(URL(string: link)?.path)
            #expect(path.hasPrefix("/xac-minh/"))
            let anyone = TestBrowser(app)
            let verification = try await anyone.get(path)
            #expect(verification.status == .ok && verification.body.contains("Văn bản do trường cấp"))
            #expect(verification.body.contains("Học bạ năm học 2026-2027 · lớp 4A") && verification.body.contains(teacherName))
            #expect(verification.body.contains("Nguyễn Văn Minh") && verification.body.contains(SecureToken.sha256Hex(served)))
            #expect(!verification.body.contains(roster.lines[0].name.full), "no pupil data on the public page")
            let code = String(path.dropFirst("/xac-minh/".count))
            #expect(
                try await anyone.get(Site.verifyForm(query: ["ma": code.lowercased().replacingOccurrences(of: "-", with: "")])).status
                    == .ok)
            #expect(try await anyone.get(Site.verifyForm(query: ["ma": "ZZZZZ-ZZZZZ"])).status == .notFound)

            // Frozen: a later change to the book does not change the signed học bạ.
            let principalCaller = Caller(accountID: nil, displayName: "Hiệu trưởng", grants: Grants(roles: [.principal]))
            let math = try #require(try await SubjectService(database: app.db).list(grade: 4, by: .system()).first { $0.code == "TOAN" })
            try await AssessmentService(database: app.db).saveSubject(
                class: class4A.id, subject: math.id, checkpoint: .endOfYear,
                entries: [SubjectEntry(studentID: complete[0], level: "H", score: 6)], by: principalCaller)
            #expect(try await teacher.get(Site.transcriptPDF(class4A.id, complete[0])).bytes == served)
            let audit = try await AuditLog(database: app.db).entries(.init(entity: "assessment"), by: principalCaller).map(\.event.action)
            #expect(audit.contains("transcript.sign.teacher") && audit.contains("transcript.sign.principal"))
            #expect(audit.filter { $0 == "document.copy" }.count == 2, "every copy of a signed học bạ handed out is logged")
        }
    }
}
