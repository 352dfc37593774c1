import Documents
import Foundation
import TestSupport
import Testing

@Suite struct PDFTextTests {
    static let names = ["Nguyễn Thị Ánh", "Phạm Ngọc Ân", "H'Hen Niê", "Y Kŏ Êban", "Đặng Thị Ngọc Hân"]

    @Test func vietnameseNamesComeOutOfThePDFExactly() throws {
        var document = PDFDocument(title: "Tên")
        for name in Self.names { document.add(.text(name)) }
        let text = try Poppler.text(Poppler.write(document.render()))
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        for name in Self.names { #expect(lines.contains(name), "\(name) in \(lines)") }
    }

    @Test func decomposedNamesComeOutComposed() throws {
        var document = PDFDocument(title: "NFD")
        let decomposed = Self.names.map(\.decomposedStringWithCanonicalMapping)
        // The input really is NFD (String's == compares canonically, so count scalars).
        #expect(decomposed.map(\.unicodeScalars.count) != Self.names.map(\.unicodeScalars.count))
        for name in decomposed { document.add(.text(name, style: .body.bold())) }
        let text = try Poppler.text(Poppler.write(document.render()))
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        for name in Self.names {
            #expect(lines.contains { $0.unicodeScalars.elementsEqual(name.unicodeScalars) }, "\(name) in \(lines)")
        }
    }

    @Test func markupIsPrintedLiterally() throws {
        var document = PDFDocument(title: "Markup")
        document.add(.text("<b>Lê & Văn</b> &amp; <span foreground=\"red\">x</span>"))
        document.add(.table(Table(columns: [.init()], rows: [["<i>Trần</i> & Co"]])))
        let text = try Poppler.text(Poppler.write(document.render()))
        #expect(text.contains("<b>Lê & Văn</b> &amp; <span foreground=\"red\">x</span>"))
        #expect(text.contains("<i>Trần</i> & Co"))
    }

    @Test func everyFontIsEmbedded() throws {
        var document = PDFDocument(title: "Fonts")
        document.add(.text("Nguyễn Thị Ánh", style: .title))
        document.add(.text("Phạm Ngọc Ân", style: .body.italic()))
        document.add(.text("K7QM-4XRT-9C", style: .body.family("DejaVu Sans Mono")))
        document.add(.table(Samples.rosterTable(3)))
        let fonts = try Poppler.fonts(Poppler.write(document.render()))
        #expect(fonts.count >= 4)  // regular, bold, oblique, mono
        for font in fonts { #expect(font.embedded, "\(font.name) is not embedded") }
        #expect(fonts.allSatisfy { $0.name.contains("+") }, "subset fonts carry a tag like ABCDEF+: \(fonts)")
        #expect(fonts.contains { $0.name.contains("LiberationSerif") }, "the text is set in the serif: \(fonts)")
    }

    @Test func metadataIsSet() throws {
        var document = PDFDocument(
            title: "Biên bản bàn giao hồ sơ", author: "Trường Tiểu học Kim Đồng",
            subject: "Tuyển sinh lớp 1")
        document.creationDate = Date(timeIntervalSince1970: 1_750_000_000)  // 2025-06-15 15:06:40 UTC
        document.add(.text("Nội dung"))
        let info = try Poppler.info(Poppler.write(document.render()))
        #expect(info["Title"] == "Biên bản bàn giao hồ sơ")
        #expect(info["Author"] == "Trường Tiểu học Kim Đồng")
        #expect(info["Subject"] == "Tuyển sinh lớp 1")
        #expect(info["Creator"] == "hoso")
        #expect(info["CreationDate"]?.contains("2025") == true, "\(info)")
        #expect(info["Page size"]?.hasPrefix("595.276 x 841.89") == true, "A4 in points: \(info)")
    }

    @Test func aFontThatIsNotInstalledIsRefused() throws {
        var document = PDFDocument(title: "x", fontFamily: "No Such Font Family")
        document.add(.text("Nguyễn"))
        #expect(throws: PDFError.fontUnavailable(family: "No Such Font Family")) { try document.render() }

        var styled = PDFDocument(title: "x")
        styled.add(.text("Nguyễn", style: .body.family("Comic Nonexistent")))
        #expect(throws: PDFError.fontUnavailable(family: "Comic Nonexistent")) { try styled.render() }
    }

    @Test func controlCharactersAreDroppedAndLineBreaksKept() throws {
        var document = PDFDocument(title: "Control")
        document.add(.text("Lê\u{0}Văn\u{7}An\r\nDòng hai\rDòng ba\tcuối\u{1B}[31m"))
        let text = try Poppler.text(Poppler.write(document.render()))
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.contains("LêVănAn"))
        #expect(lines.contains("Dòng hai"))
        #expect(lines.contains("Dòng ba cuối[31m"))
    }
}
