import Documents
import Foundation
import TestSupport
import Testing

@Suite struct PDFLayoutTests {
    @Test func aLongTableBreaksAcrossPagesWithItsHeaderOnEveryPage() throws {
        var document = PDFDocument(title: "Danh sách")
        document.add(.text("DANH SÁCH HỌC SINH", style: .title))
        document.add(.table(Samples.rosterTable(120)))
        let pdf = try Poppler.write(document.render())
        let pages = try Poppler.pageCount(pdf)
        #expect(pages >= 3)
        var seen: [String] = []
        for page in 1...pages {
            let lines = try Poppler.text(pdf, page: page).split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.contains("Họ và tên"), "header on page \(page)")
            #expect(lines.contains("Ngày sinh"), "header on page \(page)")
            seen += lines.filter { $0.hasPrefix("Nguyễn Thị Ánh") || $0.hasPrefix("Y Kŏ Êban") }
        }
        // Every row exactly once: 120 rows over 18 names gives 7 of each of the first 12 names.
        #expect(seen.filter { $0.hasPrefix("Nguyễn Thị Ánh") }.count == 7)
        #expect(seen.filter { $0.hasPrefix("Y Kŏ Êban") }.count == 7)
        #expect(try Poppler.text(pdf, page: pages).contains("120"))
    }

    @Test func tenSlipsTwoByFourMakeTwoPages() throws {
        let pdf = try Poppler.write(Samples.slips(count: 10).render())
        #expect(try Poppler.pageCount(pdf) == 2)
        let second = try Poppler.text(pdf, page: 2)
        #expect(second.contains(Samples.codes[8]) && second.contains(Samples.codes[9]))
        #expect(!second.contains(Samples.codes[0]))
        #expect(try Poppler.text(pdf, page: 1).contains(Samples.codes[7]))
    }

    @Test func aCardTallerThanItsPlaceIsShrunkNotCut() throws {
        let url = Samples.slipURL("K7QM-4XRT-9C")
        let lines: [Block] = (1...30).map { .text("Dòng \($0) của phiếu") }
        var document = PDFDocument(title: "Card")
        document.add(.grid(Grid(columns: 1, rows: 2, cards: [lines + [.qr(url, sizeMM: 40)]])))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.pageCount(pdf) == 1)
        #expect(try Poppler.qrCodes(pdf) == [url])  // the last block is still on the card
    }

    @Test func aQRCodeDecodesToTheSameText() throws {
        let url = "https://hoso.example/tuyen-sinh?ma=K7QM-4XRT-9C"
        var document = PDFDocument(title: "QR")
        document.add(.row([.text("Mã: K7QM-4XRT-9C"), .qr(url, sizeMM: 30)], widths: [2, 1]))
        #expect(try Poppler.qrCodes(Poppler.write(document.render())) == [url])
    }

    @Test func theQRCodesOfSlipsDecode() throws {
        let codes = try Poppler.qrCodes(Poppler.write(Samples.slips(count: 8).render()))
        #expect(Set(codes) == Set(Samples.codes.prefix(8).map(Samples.slipURL)))
    }

    @Test(arguments: [String(repeating: "x", count: 5_000), "", "ma=K7QM\u{0}-4XRT"])
    func textThatCannotBeAQRCodeIsATypedError(text: String) throws {
        var document = PDFDocument(title: "QR")
        document.add(.qr(text, sizeMM: 30))
        #expect(throws: PDFError.qrCodeUnencodable(length: text.utf8.count)) { try document.render() }
    }

    @Test func theFooterNumbersPagesOutOfTheTotal() throws {
        var document = PDFDocument(title: "Trang")
        document.footer = { page in [.text("Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        document.header = { _ in [.text("TRƯỜNG TIỂU HỌC KIM ĐỒNG", style: .small)] }
        document.add(.text("Một"))
        document.add(.pageBreak)
        document.add(.text("Hai"))
        document.add(.pageBreak)
        document.add(.pageBreak)  // a break on an empty page adds no blank page
        document.add(.text("Ba"))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.pageCount(pdf) == 3)
        for page in 1...3 {
            let text = try Poppler.text(pdf, page: page)
            #expect(text.contains("Trang \(page)/3"))
            #expect(text.contains("TRƯỜNG TIỂU HỌC KIM ĐỒNG"))
        }
        #expect(try Poppler.text(pdf, page: 2).contains("Hai"))
    }

    @Test func keepTogetherMovesABlockThatDoesNotFitToTheNextPage() throws {
        var document = PDFDocument(title: "Keep")
        document.add(.spacer(mm: 240))
        document.add(.keepTogether([.text("NGƯỜI LẬP BIỂU", style: .heading), .spacer(mm: 25), .text("Lê Văn Anh")]))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.pageCount(pdf) == 2)
        let second = try Poppler.text(pdf, page: 2)
        #expect(second.contains("NGƯỜI LẬP BIỂU") && second.contains("Lê Văn Anh"))
    }

    @Test func longTextFlowsOntoFollowingPages() throws {
        var document = PDFDocument(title: "Biên bản")
        let paragraph = (1...400).map { "câu\($0)" }.joined(separator: " ")
        document.add(.text(paragraph, style: .body.aligned(.justified)))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.pageCount(pdf) == 1)
        var long = PDFDocument(title: "Biên bản")
        long.add(.text(String(repeating: paragraph + "\n", count: 8)))
        let longPDF = try Poppler.write(long.render())
        #expect(try Poppler.pageCount(longPDF) >= 3)
        #expect(try Poppler.text(longPDF).components(separatedBy: "câu400").count == 9)
    }

    @Test func cellsCanSpanColumnsAndMissingCellsAreEmpty() throws {
        var table = Table(columns: [.init(), .init(), .init()], header: ["A", "B", "C"])
        table.addRow([Table.Cell("Ghi chú chung cho cả hàng", span: 3)])
        table.addRow(["chỉ một ô"])
        table.addRow(["1", "2", "3", "thừa"])
        var document = PDFDocument(title: "Span")
        document.add(.table(table))
        let text = try Poppler.text(Poppler.write(document.render()))
        #expect(text.contains("Ghi chú chung cho cả hàng"))
        #expect(text.contains("chỉ một ô"))
        #expect(!text.contains("thừa"))
    }
}
