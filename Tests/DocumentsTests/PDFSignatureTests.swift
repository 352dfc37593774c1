import Documents
import Foundation
import TestSupport
import Testing

/// PAdES signatures that an independent reader verifies: the homeroom teacher signs the học bạ, then the principal,
/// each as a new revision; Poppler's `pdfsig` finds both valid and their certificates trusted once the trial CA is in
/// its store, and one changed byte makes the signature invalid.
@Suite struct PDFSignatureTests {
    /// A trial CA and two signers' PKCS#12 files made with the `openssl` command (the CA without an
    /// ExtendedKeyUsage and serials without the top bit, which NSS would refuse).
    struct TrialCA {
        let directory: URL
        var caPEM: URL { directory.appendingPathComponent("ca.pem") }

        static func make() throws -> TrialCA {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-ca-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let ca = TrialCA(directory: directory)
            let d = directory.path
            try ca.openssl([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(d)/ca.key", "-out", "\(d)/ca.pem", "-days", "30",
                "-subj", "/CN=hoso trial CA/O=Truong Tieu hoc Trung Vuong", "-set_serial", "1",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
            try "keyUsage=critical,digitalSignature,nonRepudiation\n".write(toFile: "\(d)/signer.ext", atomically: true, encoding: .utf8)
            for (name, commonName, serial) in [("teacher", "Phạm Thị Hằng", "2"), ("principal", "Nguyễn Văn Minh", "3")] {
                try ca.openssl([
                    "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(d)/\(name).key", "-out", "\(d)/\(name).csr", "-utf8", "-subj",
                    "/CN=\(commonName)",
                ])
                try ca.openssl([
                    "x509", "-req", "-in", "\(d)/\(name).csr", "-CA", "\(d)/ca.pem", "-CAkey", "\(d)/ca.key", "-set_serial", serial,
                    "-days", "30",
                    "-extfile", "\(d)/signer.ext", "-out", "\(d)/\(name).pem",
                ])
                try ca.openssl([
                    "pkcs12", "-export", "-inkey", "\(d)/\(name).key", "-in", "\(d)/\(name).pem", "-certfile", "\(d)/ca.pem",
                    "-out", "\(d)/\(name).p12", "-passout", "pass:mat-khau-\(name)",
                ])
            }
            return ca
        }

        func openssl(_ arguments: [String]) throws { _ = try Poppler.run("openssl", arguments, package: "openssl") }

        func identity(_ name: String) throws -> SigningIdentity {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("\(name).p12")))
            return try SigningIdentity(pkcs12: bytes, passphrase: "mat-khau-\(name)")
        }

        /// An NSS store for `pdfsig` that trusts the CA.
        func trustStore() throws -> String {
            let store = directory.appendingPathComponent("nss").path
            try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
            _ = try Poppler.run("certutil", ["-N", "-d", "sql:\(store)", "--empty-password"], package: "libnss3-tools")
            _ = try Poppler.run(
                "certutil", ["-A", "-d", "sql:\(store)", "-n", "hoso-ca", "-t", "CT,C,C", "-i", caPEM.path], package: "libnss3-tools")
            return "sql:\(store)"
        }
    }

    static func transcript() throws -> [UInt8] {
        var document = PDFDocument(title: "Học bạ — Nguyễn Thị Ánh", author: "Trường Tiểu học Trung Vương")
        document.add(.text("HỌC BẠ", style: .title))
        document.add(.text("Họ và tên học sinh: NGUYỄN THỊ ÁNH", style: .body))
        document.add(.pageBreak)
        document.add(.text("NĂM HỌC 2026-2027 · LỚP 5A", style: .body))
        return try PDFArchival.identify(document.render())
    }

    @Test func teacherThenPrincipalBothValidAndTrusted() throws {
        let ca = try TrialCA.make()
        let teacher = try ca.identity("teacher")
        #expect(teacher.commonName == "Phạm Thị Hằng")
        let when = Date(timeIntervalSince1970: 1_796_000_000)
        let once = try PDFSignature.sign(
            try Self.transcript(), with: teacher, reason: "Giáo viên chủ nhiệm ký học bạ", location: "Hoàn Kiếm", at: when)
        let twice = try PDFSignature.sign(
            once, with: try ca.identity("principal"), reason: "Hiệu trưởng duyệt, đóng dấu", location: "Hoàn Kiếm", at: when)
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
        let stranger = try TrialCA.make()
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
        let ca = try TrialCA.make()
        let bytes = try [UInt8](Data(contentsOf: ca.directory.appendingPathComponent("teacher.p12")))
        #expect(throws: SigningError.wrongPassphraseOrFile) { try SigningIdentity(pkcs12: bytes, passphrase: "sai") }
        #expect(throws: SigningError.wrongPassphraseOrFile) { try SigningIdentity(pkcs12: Array("not a p12".utf8), passphrase: "x") }
    }
}
