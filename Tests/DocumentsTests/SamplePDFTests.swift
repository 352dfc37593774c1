import Documents
import Foundation
import TestSupport
import Testing

/// Renders the sample printouts; with `HOSO_PDF_SAMPLES=<directory>` also writes them and a PNG of each first page
/// there, to look at.
@Suite struct SamplePDFTests {
    @Test func theSampleRosterRendersWithItsHeadingAndSignature() throws {
        let pdf = try write(Samples.roster(), name: "roster")
        let first = try Poppler.text(pdf, page: 1)
        #expect(first.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(first.contains("Độc lập – Tự do – Hạnh phúc"))
        #expect(try Poppler.text(pdf).contains("HIỆU TRƯỞNG"))
    }

    @Test func theSampleSlipsRender() throws {
        let pdf = try write(Samples.slips(), name: "slips")
        #expect(try Poppler.text(pdf, page: 1).contains("PHIẾU MÃ ĐĂNG KÝ TUYỂN SINH LỚP 1"))
    }

    private func write(_ document: PDFDocument, name: String) throws -> URL {
        let bytes = try document.render()
        guard let directory = ProcessInfo.processInfo.environment["HOSO_PDF_SAMPLES"] else {
            return try Poppler.write(bytes, name: name)
        }
        let url = URL(fileURLWithPath: directory).appendingPathComponent("\(name).pdf")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        try Poppler.png(url, dpi: 110, output: url.deletingPathExtension().path)
        return url
    }
}
