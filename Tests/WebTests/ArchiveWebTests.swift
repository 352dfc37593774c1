import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import ZIPFoundation

@testable import Web

/// The school's trial CA and seal made on the signing page, a trial certificate issued to the homeroom teacher of
/// 4A, the class signed by the teacher and sealed with the school's seal, the year closed by the principal and
/// archived by the clerk (a manifest signed with the seal), a pupil's handover bundle; the archive is in the backup
/// and comes back with it, the audit heads still matching.
@Suite struct ArchiveWebTests {
    static func zipEntries(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var result: [String: [UInt8]] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            result[entry.path] = [UInt8](data)
        }
        return result
    }

    @Test func signSealCloseArchiveAndHandOver() async throws {
        let dir = try BackupTests.folder("archive")
        try await withHoso(adjusting: BackupTests.inFolder(dir)) { app in
            let (year, class4A, _) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.endOfYear, year: year, app)
            let roster = try await RosterService(database: app.db).roster(class: class4A.id, by: .system())
            let pupil = roster.lines[0].studentID
            try await YearEndWebTests.fill(pupil, class4A, level: "T", score: 9, math: ("T", 9), app)
            let teacherName = try #require(roster.homeroomTeacherName)

            // The principal makes the trial CA and seal, and issues the teacher's certificate.
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            #expect(try await principal.get(Site.signing()).body.contains("Chưa có"))
            #expect(try await principal.post(Site.signingTrialCA(), []).status == .seeOther)
            let keysPage = try await principal.get(Site.signing()).body
            #expect(keysPage.contains("CA thử nghiệm hoso") && keysPage.contains("Cấp chứng thư thử nghiệm"))
            let mismatch = try await principal.post(
                Site.signingIssue(), [("name", teacherName), ("passphrase", "matkhau123"), ("confirm", "khac12345")])
            #expect(mismatch.status == .unprocessableEntity && mismatch.body.contains("Hai lần nhập mật khẩu không khớp"))
            #expect(mismatch.body.contains("<option value=\"\(teacherName)\" selected>"), "the choice is kept")
            let issued = try await principal.post(
                Site.signingIssue(), [("name", teacherName), ("passphrase", "matkhau123"), ("confirm", "matkhau123")])
            #expect(issued.status == .ok && issued.headers.contentType?.subType == "x-pkcs12")
            #expect(try SigningIdentity(pkcs12: issued.bytes, passphrase: "matkhau123").commonName == teacherName)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            #expect(try await clerk.get(Site.signing()).status == .forbidden)

            // The teacher signs with it, the principal seals with the school's seal.
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.4a", DemoSchool.password)
            let signed = try await teacher.upload(
                Site.transcriptSign(class4A.id), [("passphrase", "matkhau123"), ("stage", "teacher")],
                file: ("file", "gv.p12", issued.bytes))
            #expect(try await teacher.get(signed.location ?? "").body.contains("Đã ký 1 học bạ."))
            #expect(try await principal.get(Site.yearResults(class4A.id)).body.contains("Ký bằng con dấu số của trường"))
            let sealed = try await principal.post(Site.transcriptSign(class4A.id), [("stage", "principal"), ("seal", "school")])
            #expect(try await principal.get(sealed.location ?? "").body.contains("Đã ký 1 học bạ."))
            let school = try #require(try await app.domain.keys.seal()).commonName
            let anyone = TestBrowser(app)
            let root = try await anyone.get(Site.trustedCertificate())
            #expect(root.status == .ok && root.body.contains("BEGIN CERTIFICATE"))
            let served = try await teacher.get(Site.transcriptPDF(class4A.id, pupil)).bytes
            let verdicts = PDFVerifier.verify(served, trusting: root.bytes)
            #expect(verdicts.map(\.signer) == [teacherName, school] && verdicts.allSatisfy { $0.intact && $0.trusted == true })

            // Closed by the principal, then archived by the clerk; not before, not twice.
            let archivePage = Site.yearArchive(year.id)
            let early = try await clerk.post(archivePage, [])
            #expect(try await clerk.get(early.location ?? "").body.contains("Hiệu trưởng chưa khoá sổ"))
            #expect(try await clerk.post(Site.yearArchiveClose(year.id), []).status == .forbidden)
            #expect(try await principal.post(Site.yearArchiveClose(year.id), []).status == .seeOther)
            let done = try await clerk.post(archivePage, [])
            let shown = try await clerk.get(done.location ?? "").body
            #expect(
                shown.contains("Đã lưu trữ") && shown.contains("so-dang-bo.pdf") && shown.contains("lop-4A/so-danh-gia.pdf"), "\(shown)")
            let again = try await clerk.post(archivePage, [])
            #expect(try await clerk.get(again.location ?? "").body.contains("đã được lưu trữ"))
            let manifestBytes = try await clerk.get(Site.yearArchiveFile(year.id, query: ["path": "manifest.json"])).bytes
            let signature = try await clerk.get(Site.yearArchiveFile(year.id, query: ["path": "manifest.json.p7s"])).bytes
            let seal = try #require(try await app.domain.keys.seal())
            #expect(SigningIdentity.verifyStatement(signature, over: manifestBytes, signedBy: seal.certificateDER))
            #expect(!SigningIdentity.verifyStatement(signature, over: manifestBytes + [0x20], signedBy: seal.certificateDER))
            let manifest = try JSONDecoder().decode(ArchiveManifest.self, from: Data(manifestBytes))
            let transcript = try #require(manifest.files.first { $0.kind == "Học bạ" })
            #expect(transcript.path.hasPrefix("lop-4A/hoc-ba/") && transcript.signers == [teacherName, school])
            #expect(transcript.sha256 == SecureToken.sha256Hex(served))
            #expect(
                manifest.unsigned.contains("\(roster.lines[1].name.full) (lớp 4A)")
                    && !manifest.unsigned.contains { $0.hasPrefix(roster.lines[0].name.full + " ") })
            let register = try await clerk.get(Site.yearArchiveFile(year.id, query: ["path": "so-dang-bo.pdf"])).bytes
            #expect(String(decoding: register, as: UTF8.self).contains("<pdfaid:part>2</pdfaid:part>"))
            #expect(try await clerk.get(Site.yearArchiveFile(year.id, query: ["path": "../hoso.sqlite"])).status == .notFound)
            #expect(try await teacher.get(Site.yearArchiveFile(year.id, query: ["path": "manifest.json"])).status == .forbidden)

            // The handover bundle: the signed học bạ as signed, its export, a manifest signed with the seal.
            let bundle = try await clerk.get(Site.handoverBundle(pupil))
            #expect(bundle.status == .ok && bundle.headers.contentType?.subType == "zip")
            let entries = try Self.zipEntries(bundle.bytes)
            #expect(entries["hoc-ba-2026-2027.pdf"] == served)
            let export = try #require(entries["hoc-ba-2026-2027.json"])
            #expect(String(decoding: export, as: UTF8.self).contains("\"format\" : \"hoso-hoc-ba/1\""))
            let bundleManifest = try #require(entries["manifest.json"])
            #expect(
                SigningIdentity.verifyStatement(
                    try #require(entries["manifest.json.p7s"]), over: bundleManifest, signedBy: seal.certificateDER))
            let nobody = roster.lines[1].studentID
            let refused = try await clerk.get(Site.handoverBundle(nobody))
            #expect(refused.status == .seeOther)
            #expect(try await teacher.get(Site.handoverBundle(pupil)).status == .forbidden)

            // The archive and the signed heads are in the backup and come back with it.
            let backup = try await Backups(db: app.db, config: app.config).make()
            #expect(backup.manifest.entries.map(\.path).contains("files/archives/nam-hoc-2026-2027/manifest.json.p7s"))
            try await BackupTests.restored(backup.folder, from: app) { db, target in
                let uploads = URL(fileURLWithPath: target.uploadsDirectory)
                #expect(
                    try Data(contentsOf: uploads.appendingPathComponent("archives/nam-hoc-2026-2027/manifest.json")) == Data(manifestBytes))
                let anchors = AuditAnchors(
                    database: db, keys: SchoolKeys(database: db, vault: app.vault),
                    file: uploads.appendingPathComponent("audit/anchors.jsonl"))
                let report = try await anchors.verify()
                #expect(report.isIntact && report.anchors >= 1, "\(report.problems)")
            }
        }
    }
}
