import Documents
import Foundation
import TestSupport
import Testing

/// PAdES signatures that an independent reader verifies: the homeroom teacher signs the học bạ, then the principal,
/// each as a new revision; Poppler's `pdfsig` finds both valid and their certificates trusted once the trial CA is in
/// its store, and one changed byte makes the signature invalid.
@Suite struct PDFSignatureTests {
    static func transcript() throws -> [UInt8] {
        var document = PDFDocument(title: "Học bạ — Nguyễn Thị Ánh", author: "Trường Tiểu học Trung Vương")
        document.add(.text("HỌC BẠ", style: .title))
        document.add(.text("Họ và tên học sinh: NGUYỄN THỊ ÁNH", style: .body))
        document.add(.pageBreak)
        document.add(.text("NĂM HỌC 2026-2027 · LỚP 5A", style: .body))
        return try PDFArchival.identify(document.render())
    }

    @Test func teacherThenPrincipalBothValidAndTrusted() throws {
        let ca = try TrialCA.make(signers: [("teacher", "Phạm Thị Hằng"), ("principal", "Nguyễn Văn Minh")])
        let teacher = try SigningIdentity(pkcs12: ca.pkcs12("teacher"), passphrase: ca.passphrase("teacher"))
        #expect(teacher.commonName == "Phạm Thị Hằng")
        let when = Date(timeIntervalSince1970: 1_796_000_000)
        let once = try PDFSignature.sign(
            try Self.transcript(), with: teacher, reason: "Giáo viên chủ nhiệm ký học bạ", location: "Hoàn Kiếm", at: when)
        let twice = try PDFSignature.sign(
            once, with: try SigningIdentity(pkcs12: ca.pkcs12("principal"), passphrase: ca.passphrase("principal")),
            reason: "Hiệu trưởng duyệt, đóng dấu", location: "Hoàn Kiếm", at: when)
        #expect(Array(twice.prefix(once.count)) == once, "the principal's revision leaves the teacher's bytes as they were")
        let file = try Poppler.write(twice, name: "hoc-ba-ky")
        let store = try ca.trustStore()
        let report = try Poppler.runKeepingErrors("pdfsig", ["-nssdir", store, file.path], package: "poppler-utils")
        let output = report.output
        #expect(output.contains("Signature #1") && output.contains("Signature #2"), "\(output)")
        #expect(output.components(separatedBy: "Signature is Valid.").count - 1 == 2, "\(output) \(report.errors)")
        #expect(output.components(separatedBy: "Certificate is Trusted.").count - 1 == 2, "\(output)")
        #expect(output.contains("Phạm Thị Hằng") && output.contains("Nguyễn Văn Minh"))
        #expect(output.contains("ETSI.CAdES.detached"))
        #expect(output.contains("Signed Ranges"))
        // The PDF/A identification and text are still there.
        #expect(try Poppler.text(file).contains("NGUYỄN THỊ ÁNH"))

        // hoso's own verifier agrees.
        let pem = try [UInt8](Data(contentsOf: ca.caPEM))
        let verdicts = PDFVerifier.verify(twice, trusting: pem)
        #expect(verdicts.map(\.signer) == ["Phạm Thị Hằng", "Nguyễn Văn Minh"])
        #expect(verdicts.allSatisfy { $0.intact && $0.trusted == true })
        #expect(verdicts.map(\.coversWholeFile) == [false, true])
        let stranger = try TrialCA.make(signers: [])
        #expect(
            PDFVerifier.verify(twice, trusting: try [UInt8](Data(contentsOf: stranger.caPEM))).allSatisfy {
                $0.intact && $0.trusted == false
            })

        // One byte of the teacher's revision changed: that signature is no longer valid.
        var forged = twice
        let title = Array("Nguyễn Thị Ánh</rdf:li>".utf8)
        let at = try #require((0...(forged.count - title.count)).first { Array(forged[$0..<($0 + title.count)]) == title })
        forged[at] = UInt8(ascii: "M")  // "Mguyễn": the XMP's title, inside the first revision's signed range
        let broken = try Poppler.runKeepingErrors(
            "pdfsig", ["-nssdir", store, try Poppler.write(forged, name: "forged").path], package: "poppler-utils")
        let reports = broken.output.components(separatedBy: "Signature #").dropFirst()
        #expect(reports.count == 2, "\(broken.output)")
        #expect(reports.allSatisfy { !$0.contains("Signature is Valid.") }, "every signature covers the changed byte: \(broken.output)")
        #expect(PDFVerifier.verify(forged, trusting: pem).allSatisfy { !$0.intact })
    }

    @Test func aWrongPassphraseIsRefused() throws {
        let ca = try TrialCA.make(signers: [("teacher", "Phạm Thị Hằng")])
        let bytes = try ca.pkcs12("teacher")
        #expect(throws: SigningError.wrongPassphraseOrFile) { try SigningIdentity(pkcs12: bytes, passphrase: "sai") }
        #expect(throws: SigningError.wrongPassphraseOrFile) { try SigningIdentity(pkcs12: Array("not a p12".utf8), passphrase: "x") }
    }
}
