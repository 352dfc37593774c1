import Documents
import Foundation
import TestSupport
import Testing

@Suite struct UploadInspectorTests {
    @Test func realFilesOfTheThreeKindsAreAccepted() {
        #expect(UploadInspector.inspect(SampleFiles.png(width: 1200, height: 1600)) == .success(.png))
        #expect(UploadInspector.inspect(SampleFiles.jpeg(width: 3000, height: 4000)) == .success(.jpeg))
        #expect(UploadInspector.inspect(SampleFiles.pdf()) == .success(.pdf))
    }

    @Test func aProgramNamedPdfIsRefused() {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 100)
        let windows: [UInt8] = Array("MZ".utf8) + Array(repeating: 0x90, count: 100)
        #expect(UploadInspector.inspect(elf) == .failure(.notAllowedType))
        #expect(UploadInspector.inspect(windows) == .failure(.notAllowedType))
    }

    @Test func polyglotsAreRefused() {
        let jpegWithZip = SampleFiles.jpeg(width: 100, height: 100, trailer: Array("PK\u{03}\u{04}payload".utf8))
        #expect(UploadInspector.inspect(jpegWithZip) != .success(.jpeg))
        let htmlFirst = Array("<html><script>alert(1)</script>".utf8) + SampleFiles.pdf()
        #expect(UploadInspector.inspect(htmlFirst) == .failure(.notAllowedType))
        let pdfWithScript = SampleFiles.pdf("1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj")
        #expect(UploadInspector.inspect(pdfWithScript) == .failure(.activeContent))
    }

    @Test func decompressionBombsAndOversizedFilesAreRefused() {
        #expect(UploadInspector.inspect(SampleFiles.png(width: 50_000, height: 50_000)) == .failure(.imageTooLarge))
        #expect(UploadInspector.inspect(SampleFiles.jpeg(width: 65_000, height: 65_000)) == .failure(.imageTooLarge))
        let big = SampleFiles.pdf() + Array(repeating: 0x20, count: 5 * 1_048_576)
        #expect(UploadInspector.inspect(big) == .failure(.tooLarge(limit: 5 * 1_048_576)))
        #expect(UploadInspector.inspect([]) == .failure(.empty))
    }

    @Test func truncatedFilesAreDamaged() {
        #expect(UploadInspector.inspect(Array(SampleFiles.png(width: 10, height: 10).prefix(40))) == .failure(.damaged))
        #expect(UploadInspector.inspect(Array(SampleFiles.pdf().dropLast(8))) == .failure(.damaged))
        #expect(UploadInspector.inspect(Array(SampleFiles.jpeg(width: 10, height: 10).prefix(30))) == .failure(.damaged))
    }

    @Test func aPhonePhotoWithDataAfterItsEndMarkerIsAccepted() {
        // Samsung and Google cameras append a motion clip or a depth map after the image.
        let motionPhoto = SampleFiles.jpeg(width: 4000, height: 3000, trailer: Array("MotionPhoto_Data".utf8) + [0x00, 0x00, 0x00, 0x18])
        #expect(UploadInspector.inspect(motionPhoto) == .success(.jpeg))
        // The end marker of an embedded thumbnail before the scan does not count.
        var noEnd = SampleFiles.jpeg(width: 10, height: 10)
        noEnd.removeLast(2)
        #expect(UploadInspector.inspect(noEnd + [0x00]) == .failure(.damaged))
    }

    @Test func activePdfNamesAreFoundByParsingNotByScanning() throws {
        let escaped = SampleFiles.pdf(
            "1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj")
        #expect(UploadInspector.inspect(escaped) == .failure(.activeContent))
        for (label, catalogEntry) in [
            ("/AA", "/AA << /O << /S /GoTo /D [0] >> >>"), ("/URI", "/OpenAction << /S /URI /URI (https://example.com) >>"),
            ("/SubmitForm", "/OpenAction << /S /SubmitForm /F (https://example.com) >>"),
            ("/XFA", "/AcroForm << /Fields [] /XFA 3 0 R >>"),
        ] {
            let file = SampleFiles.pdf(
                "1 0 obj << /Type /Catalog /Pages 2 0 R \(catalogEntry) >> endobj\n"
                    + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj (x) endobj")
            #expect(UploadInspector.inspect(file) == .failure(.activeContent), "\(label)")
        }
        // The script moved into a compressed object stream, where no byte of the file spells it.
        let hidden = try qpdf(
            escaped.map { $0 }, arguments: ["--object-streams=generate", "--compress-streams=y", "--min-version=1.5"])
        #expect(!String(decoding: hidden, as: UTF8.self).contains("JavaScript"))
        #expect(UploadInspector.inspect(hidden) == .failure(.activeContent))
        // A plain PDF written by qpdf, and the same with object streams, pass; bytes that only look like a PDF do not.
        let plain = try qpdf(
            SampleFiles.pdf("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj"),
            arguments: ["--object-streams=generate"])
        #expect(UploadInspector.inspect(plain) == .success(.pdf))
        let garbage = Array("%PDF-1.7\n".utf8) + (0..<300).map { UInt8(($0 * 37 + 11) % 256) } + Array("\n%%EOF\n".utf8)
        #expect(UploadInspector.inspect(garbage) == .failure(.damaged))
    }

    /// The file rewritten by Debian's qpdf with the given options.
    private func qpdf(_ bytes: [UInt8], arguments: [String]) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory
        let input = folder.appendingPathComponent("in-\(UUID().uuidString).pdf")
        let output = folder.appendingPathComponent("out-\(UUID().uuidString).pdf")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        try Data(bytes).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        process.arguments = arguments + [input.path, output.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect([0, 3].contains(process.terminationStatus))
        return [UInt8](try Data(contentsOf: output))
    }
}
