import Documents
import Foundation
import TestSupport
import Testing

/// PDF/A-2b identification appended to a PDF as Cairo writes it: the XMP packet that names part 2 and conformance B
/// and mirrors the document information, an sRGB output intent, embedded fonts; Poppler reads the result without a
/// complaint and the original revision is untouched.
@Suite struct PDFArchivalTests {
    @Test func theIdentificationIsAppendedAndReadable() throws {
        var document = PDFDocument(title: "Học bạ — Nguyễn Thị Ánh", author: "Trường Tiểu học Trung Vương", subject: "Năm học 2026-2027")
        document.add(.text("HỌC BẠ", style: .title))
        document.add(.text("Y Kŏ Êban · H'Hen Niê · Nguyễn Thị Ánh", style: .body))
        let original = try document.render()
        let archived = try PDFArchival.identify(original)
        #expect(Array(archived.prefix(original.count)) == original, "an incremental update keeps the first revision's bytes")
        let file = try Poppler.write(archived, name: "hoc-ba")
        let checked = try Poppler.runKeepingErrors("pdfinfo", ["-meta", file.path], package: "poppler-utils")
        #expect(checked.errors.isEmpty, "pdfinfo: \(checked.errors)")
        let xmp = checked.output
        #expect(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">Học bạ — Nguyễn Thị Ánh</rdf:li>"))
        #expect(xmp.contains("<rdf:li>Trường Tiểu học Trung Vương</rdf:li>") && xmp.contains("<pdf:Producer>cairo"))
        #expect(xmp.contains("<xmp:CreateDate>"))
        let info = try Poppler.info(file)
        #expect(info["Title"] == "Học bạ — Nguyễn Thị Ánh" && info["Pages"] == "1")
        let text = String(decoding: archived, as: UTF8.self)
        #expect(text.contains("/OutputIntents [") && text.contains("/S /GTS_PDFA1") && text.contains("/ID [<"))
        #expect(try Poppler.fonts(file).allSatisfy(\.embedded))
        let words = try Poppler.text(file)
        #expect(words.contains("Y Kŏ Êban") && words.contains("H'Hen Niê"))
        // Identifying twice is refused rather than writing a second, conflicting catalog entry.
        #expect(throws: PDFError.self) { try PDFArchival.identify(archived) }
    }
}
