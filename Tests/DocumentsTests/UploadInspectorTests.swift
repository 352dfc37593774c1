import Documents
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
}
