import Documents
import Testing

/// Minimal files of each kind, built byte by byte so the inspector's rules can be probed one at a time.
enum SampleFiles {
    static func png(width: Int, height: Int) -> [UInt8] {
        func be(_ value: Int) -> [UInt8] { [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 2, 0, 0, 0] + [0, 0, 0, 0] + be(0) + Array("IDAT".utf8) + [0, 0, 0, 0] + be(0) + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    }

    static func jpeg(width: Int, height: Int, trailer: [UInt8] = []) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let sof: [UInt8] = [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF),
                            0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        return [0xFF, 0xD8] + app0 + sof + [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0] + Array(repeating: 0x55, count: 200) + [0xFF, 0xD9] + trailer
    }

    static func pdf(_ body: String = "1 0 obj << /Type /Catalog >> endobj") -> [UInt8] {
        Array("%PDF-1.7\n\(body)\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    }
}

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
}
