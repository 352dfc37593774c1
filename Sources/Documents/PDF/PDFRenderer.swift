import Foundation

/// Lays a document out on pages and draws them: body blocks, running header and footer, grids.
struct PDFRenderer {
    private let document: PDFDocument
    private let canvas: Canvas
    private let composer: Composer
    private let page: (width: Double, height: Double)
    private let body: (x: Double, y: Double, width: Double, height: Double)
    /// Space between a running header or footer and the body.
    private let decorationGap = points(mm: 4)

    init(document: PDFDocument) throws(PDFError) {
        self.document = document
        page = (
            points(mm: document.pageSize.widthMM.clamped(to: 1...5_000, fallback: 0)),
            points(mm: document.pageSize.heightMM.clamped(to: 1...5_000, fallback: 0))
        )
        let margins = document.margins
        func margin(_ mm: Double) -> Double { points(mm: mm.clamped(to: 0...5_000, fallback: 0)) }
        body = (
            margin(margins.left), margin(margins.top),
            page.width - margin(margins.left) - margin(margins.right),
            page.height - margin(margins.top) - margin(margins.bottom)
        )
        // Below an inch either way nothing useful fits, and narrower widths make every word one letter a line.
        guard body.width >= 72, body.height >= 72 else { throw .pageTooSmall }
        canvas = try Canvas(width: page.width, height: page.height)
        canvas.setInformation(
            title: Typesetter.printable(document.title), author: Typesetter.printable(document.author),
            subject: Typesetter.printable(document.subject), creator: "hoso", created: document.creationDate ?? Date())
        composer = Composer(typesetter: try Typesetter(canvas: canvas, family: document.fontFamily))
    }

    /// The PDF file's bytes.
    func render() throws(PDFError) -> [UInt8] {
        var items: [PageItem] = []
        for block in document.blocks { items.append(try item(block)) }

        // The body's height depends on the header and footer, whose text may depend on the page count, which
        // depends on the body's height. Start from page 1 of 1 and repeat while a decoration grows (once, in
        // practice); pagination itself is cheap because text is already shaped.
        // Decorations taller than a quarter of the body are clipped rather than leaving no room for the body.
        func capped(_ heights: (header: Double, footer: Double)) -> (header: Double, footer: Double) {
            (min(heights.header, body.height / 4), min(heights.footer, body.height / 4))
        }
        var reserved = capped(try decorationHeights(decorations(PageInfo(number: 1, count: 1))))
        var pages: [Page] = []
        var decorations: [(header: StackFlow?, footer: StackFlow?)] = []
        for _ in 0..<3 {
            pages = paginate(items, bodyHeight: body.height - reserved.header - reserved.footer)
            decorations = []
            for number in pages.indices {
                decorations.append(try self.decorations(PageInfo(number: number + 1, count: pages.count)))
            }
            let needed = decorations.map(decorationHeights).reduce((header: 0.0, footer: 0.0)) {
                (max($0.header, $1.header), max($0.footer, $1.footer))
            }
            if needed.header <= reserved.header + fitTolerance && needed.footer <= reserved.footer + fitTolerance {
                break
            }
            let grown = capped((max(reserved.header, needed.header), max(reserved.footer, needed.footer)))
            if grown == reserved { break }
            reserved = grown
        }
        for (content, decoration) in zip(pages, decorations) { draw(content, decoration, reserved: reserved) }
        return try canvas.finish()
    }

    private func item(_ block: Block) throws(PDFError) -> PageItem {
        switch block {
        case .pageBreak:
            return .pageBreak
        case .grid(let grid):
            let columns = min(max(1, grid.columns), 20)
            let rows = min(max(1, grid.rows), 40)
            let padding = points(mm: grid.padding.clamped(to: 0...50, fallback: 5))
            let width = max(1, body.width / Double(columns) - 2 * padding)
            var cards: [any Flowable] = []
            for card in grid.cards { cards.append(try composer.stack(card, width: width)) }
            return .grid(
                GridLayout(
                    columns: columns, rows: rows, padding: padding, cutLines: grid.cutLines,
                    cards: cards))
        default:
            return .flow(try composer.flow(block, width: body.width))
        }
    }

    private func decorations(_ info: PageInfo) throws(PDFError) -> (header: StackFlow?, footer: StackFlow?) {
        let header = try document.header.map { make throws(PDFError) in
            try composer.stack(make(info), width: body.width)
        }
        let footer = try document.footer.map { make throws(PDFError) in
            try composer.stack(make(info), width: body.width)
        }
        return (header, footer)
    }

    /// Heights to reserve, gap included.
    private func decorationHeights(_ decoration: (header: StackFlow?, footer: StackFlow?))
        -> (header: Double, footer: Double)
    {
        func reserve(_ stack: StackFlow?) -> Double {
            guard let stack, stack.height > 0 else { return 0 }
            return stack.height + decorationGap
        }
        return (reserve(decoration.header), reserve(decoration.footer))
    }

    private func draw(
        _ content: Page, _ decoration: (header: StackFlow?, footer: StackFlow?),
        reserved: (header: Double, footer: Double)
    ) {
        let bodyTop = body.y + reserved.header
        let bodyHeight = body.height - reserved.header - reserved.footer
        if let header = decoration.header {
            canvas.clipped(x: 0, y: 0, width: page.width, height: bodyTop - decorationGap / 2) {
                header.draw(on: canvas, x: body.x, y: body.y)
            }
        }
        for (flow, y) in content.placed { flow.draw(on: canvas, x: body.x, y: bodyTop + y) }
        if let grid = content.grid {
            drawGrid(grid.layout, cards: grid.cards, top: bodyTop, height: bodyHeight)
        }
        if let footer = decoration.footer {
            let footerTop = body.y + body.height - footer.height
            let limit = bodyTop + bodyHeight + decorationGap / 2
            canvas.clipped(x: 0, y: limit, width: page.width, height: page.height - limit) {
                footer.draw(on: canvas, x: body.x, y: max(footerTop, limit))
            }
        }
        canvas.showPage()
    }

    private func drawGrid(_ grid: GridLayout, cards: ArraySlice<any Flowable>, top: Double, height: Double) {
        let card = (width: body.width / Double(grid.columns), height: height / Double(grid.rows))
        for (index, flow) in cards.enumerated() {
            let x = body.x + Double(index % grid.columns) * card.width
            let y = top + Double(index / grid.columns) * card.height
            // Content taller than its card is shrunk to fit rather than cut off or spilled into the neighbour:
            // a slip must never lose its code. The clip only guards against overlong unsplittable content.
            let room = card.height - 2 * grid.padding
            let scale = flow.height > room && room > 0 ? room / flow.height : 1
            canvas.clipped(x: x, y: y, width: card.width, height: card.height) {
                canvas.transformed(x: x + grid.padding, y: y + grid.padding, scale: scale) {
                    flow.draw(on: canvas, x: 0, y: 0)
                }
            }
        }
        guard grid.cutLines else { return }
        // Lines run to the paper's edges so a guillotine can be lined up on them; only as many rows as are used.
        let usedRows = (cards.count + grid.columns - 1) / grid.columns
        let dash = [4.0, 3.0]
        for row in 0...usedRows {
            let y = top + Double(row) * card.height
            canvas.line(from: (0, y), to: (page.width, y), lineWidth: 0.5, color: .gray, dash: dash)
        }
        let bottom = top + Double(usedRows) * card.height
        for column in 0...grid.columns {
            let x = body.x + Double(column) * card.width
            canvas.line(
                from: (x, 0), to: (x, usedRows == grid.rows ? page.height : bottom), lineWidth: 0.5,
                color: .gray, dash: dash)
        }
    }
}
