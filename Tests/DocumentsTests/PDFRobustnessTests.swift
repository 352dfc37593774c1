import Documents
import Foundation
import TestSupport
import Testing

/// Whatever a caller passes, rendering returns a PDF or a typed error; it never crashes or hangs.
@Suite struct PDFRobustnessTests {
    @Test func anUnbrokenWordOfTenThousandLettersWrapsAndLosesNothing() throws {
        let word = String(repeating: "Ạ", count: 10_000)
        var document = PDFDocument(title: "Word")
        document.add(.text(word))
        document.add(.table(Table(columns: [.init(.mm(15)), .init()], rows: [[Table.Cell(word), "x"]])))
        document.add(.row([.text(word), .text("phải")], widths: [.mm(20), 1]))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.pageCount(pdf) > 3)
        let letters = try Poppler.text(pdf).filter { $0 == "Ạ" }.count
        #expect(letters == 30_000)
    }

    @Test func emptyAndDegenerateBlocksRender() throws {
        var document = PDFDocument(title: "")
        document.add(.table(Table(columns: [])))
        document.add(.table(Table(columns: [.init(), .init()])))
        document.add(
            .table(
                Table(
                    columns: [.init(.mm(-5)), .init(.relative(.nan)), .init(.mm(.infinity))],
                    header: ["a", "b", "c"], rows: [[], ["1"]])))
        document.add(.text(""))
        document.add(.text("Cỡ chữ lạ", style: .body.sized(.nan)))
        document.add(.text("Cỡ chữ to", style: .body.sized(10_000)))
        document.add(.spacer(mm: -10))
        document.add(.spacer(mm: .infinity))
        document.add(.row([], widths: []))
        document.add(.row([.text("a"), .text("b")], widths: [0, 0]))
        document.add(.keepTogether([]))
        document.add(.rule)
        document.add(.centeredRule(widthMM: .nan))
        document.add(.centeredRule(widthMM: 10_000))
        document.add(.qr("a", sizeMM: .nan))
        document.add(.qr("x", sizeMM: 5_000))
        document.add(.grid(Grid(columns: 0, rows: -3, cards: [[.text("thẻ")], []])))
        document.add(.grid(Grid(columns: 2, rows: 2)))
        document.add(.pageBreak)
        document.add(.text(String(repeating: "dòng\n", count: 400), style: .small))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.pageCount(pdf) >= 3)
    }

    @Test func anEmptyDocumentIsOneBlankPage() throws {
        #expect(try Poppler.pageCount(Poppler.write(PDFDocument(title: "Trống").render())) == 1)
    }

    @Test func contentTallerThanAPageStillProgresses() throws {
        var document = PDFDocument(title: "Tall")
        let tall = String(repeating: "Nguyễn Thị Ánh ", count: 2_000)
        document.add(.keepTogether([.text(tall)]))
        document.add(.row([.text(tall), .text(tall)], widths: [1, 1]))
        document.add(.table(Table(columns: [.init(), .init()], header: [Table.Cell(tall), "b"], rows: [["1", "2"]])))
        document.add(.text("kết thúc", style: .body.sized(300)))
        document.add(.qr("x", sizeMM: 400))
        document.add(.text("hết"))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.text(pdf).contains("hết"))
    }

    @Test func noPageIsLeftBlankByContentTallerThanAPage() throws {
        let tall = String(repeating: "Phạm Ngọc Ân ", count: 1_500)
        var document = PDFDocument(title: "Blank")
        document.add(.text("đầu"))
        document.add(.keepTogether([.spacer(mm: 0), .pageBreak, .row([.text(tall), .text("bên phải")], widths: [1, 1])]))
        let pdf = try Poppler.write(document.render())
        let pages = try Poppler.pageCount(pdf)
        #expect(pages >= 3)
        for page in 1...pages {
            #expect(
                try !Poppler.text(pdf, page: page).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "page \(page) is blank")
        }
    }

    @Test func aHeaderTallerThanThePageIsClippedAndTheBodyStillPrints() throws {
        var document = PDFDocument(title: "Header")
        document.header = { _ in [.text(String(repeating: "Tiêu đề rất dài ", count: 3_000))] }
        document.footer = { page in [.text("Trang \(page.number)/\(page.count)")] }
        document.add(.text("Nội dung chính"))
        let pdf = try Poppler.write(document.render())
        #expect(try Poppler.pageCount(pdf) == 1)
        #expect(try Poppler.text(pdf).contains("Nội dung chính"))
    }

    @Test func aGridInsideAnotherBlockIsATypedError() throws {
        var document = PDFDocument(title: "Grid")
        document.add(.keepTogether([.grid(Grid(columns: 2, rows: 2, cards: [[.text("a")]]))]))
        #expect(throws: PDFError.gridInsideAnotherBlock) { try document.render() }
    }

    @Test func pagesTooSmallForTheMarginsAreATypedError() throws {
        var document = PDFDocument(title: "Small", pageSize: PageSize(widthMM: 50, heightMM: 50), margins: .init(mm: 20))
        document.add(.text("x"))
        #expect(throws: PDFError.pageTooSmall) { try document.render() }
        let nonsense = PDFDocument(title: "NaN", pageSize: PageSize(widthMM: .nan, heightMM: -1))
        #expect(throws: PDFError.pageTooSmall) { try nonsense.render() }
    }

    @Test func documentsRenderInParallel() async throws {
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<8 {
                group.addTask {
                    var document = index.isMultiple(of: 2) ? Samples.roster(pupils: 30) : Samples.slips(count: 8)
                    document.creationDate = Date(timeIntervalSince1970: 0)
                    return try document.render()
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        let pdf = try Poppler.write(results[0])
        #expect(try Poppler.pageCount(pdf) >= 1)
    }

    /// A loose bound that catches a quadratic pagination or a font map rebuilt per paragraph, not a precise
    /// benchmark (that is in the report of the change: release build, ~0.0x s a page).
    @Test func anEightyPageTableRendersInSeconds() throws {
        var document = PDFDocument(title: "Speed")
        document.add(.table(Samples.rosterTable(3_500)))
        let start = Date()
        let bytes = try document.render()
        let elapsed = Date().timeIntervalSince(start)
        let pages = try Poppler.pageCount(Poppler.write(bytes))
        #expect(pages >= 80)
        #expect(elapsed / Double(pages) < 0.25, "\(elapsed) s for \(pages) pages")
    }
}
