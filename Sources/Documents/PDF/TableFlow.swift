/// One table row: cells side by side, each ruled, with padding; header rows on a grey ground, their text centred
/// vertically.
struct TableRowFlow: Flowable {
    struct Cell {
        let offset: Double
        let width: Double
        let content: any Flowable
    }

    static let padding = (horizontal: points(mm: 1.5), vertical: points(mm: 1))
    static let ruleWidth = 0.6
    static let headerGround = Color(gray: 0.9)

    let cells: [Cell]
    let isHeader: Bool
    let height: Double

    init(cells: [Cell], isHeader: Bool) {
        self.cells = cells
        self.isHeader = isHeader
        height = (cells.map(\.content.height).max() ?? 0) + 2 * Self.padding.vertical
    }

    func split(fitting available: Double, force: Bool) -> Split? {
        guard force, let parts = splitLines(fitting: available) else { return nil }
        return Split(head: parts.head, tail: parts.tail)
    }

    /// Splits every cell between its lines so the first part fits `available`; `nil` if no cell can split.
    func splitLines(fitting available: Double) -> (head: TableRowFlow, tail: TableRowFlow)? {
        let room = available - 2 * Self.padding.vertical
        guard room > 0, let parts = ColumnsFlow.split(cells.map(\.content), fitting: room) else { return nil }
        func row(_ contents: [any Flowable]) -> TableRowFlow {
            TableRowFlow(
                cells: zip(cells, contents).map { Cell(offset: $0.offset, width: $0.width, content: $1) },
                isHeader: isHeader)
        }
        return (row(parts.heads), row(parts.tails))
    }

    func draw(on canvas: Canvas, x: Double, y: Double) {
        for cell in cells {
            if isHeader {
                canvas.fill(x: x + cell.offset, y: y, width: cell.width, height: height, color: Self.headerGround)
            }
            let slack = isHeader ? (height - 2 * Self.padding.vertical - cell.content.height) / 2 : 0
            cell.content.draw(
                on: canvas, x: x + cell.offset + Self.padding.horizontal,
                y: y + Self.padding.vertical + slack)
            canvas.stroke(
                x: x + cell.offset, y: y, width: cell.width, height: height, lineWidth: Self.ruleWidth,
                color: .black)
        }
    }
}

/// A table's rows under its header rows. Splits between rows and repeats the header on every part; a row taller
/// than a page is split between its lines.
struct TableFlow: Flowable {
    let header: [TableRowFlow]
    let rows: [TableRowFlow]
    let height: Double
    private let headerHeight: Double

    init(header: [TableRowFlow], rows: [TableRowFlow]) {
        self.header = header
        self.rows = rows
        headerHeight = header.reduce(0) { $0 + $1.height }
        height = rows.reduce(headerHeight) { $0 + $1.height }
    }

    func split(fitting available: Double, force: Bool) -> Split? {
        var used = headerHeight
        var count = 0
        while count < rows.count, used + rows[count].height <= available + fitTolerance {
            used += rows[count].height
            count += 1
        }
        if count == rows.count { return Split(head: self, tail: nil) }
        // No single row left alone under a repeated header on the next page.
        if rows.count - count == 1 && count >= 2 { count -= 1 }
        if count > 0 {  // never a header alone at the foot of a page: at least one row goes with it
            return Split(
                head: TableFlow(header: header, rows: Array(rows[..<count])),
                tail: TableFlow(header: header, rows: Array(rows[count...])))
        }
        guard force else { return nil }
        if !header.isEmpty && headerHeight > available / 2 {
            // A header this tall cannot be repeated on every page; carry on with it as ordinary rows.
            return TableFlow(header: [], rows: header + rows).split(fitting: available, force: true)
        }
        let rest = Array(rows.dropFirst())
        if let parts = rows.first?.splitLines(fitting: available - headerHeight) {
            return Split(
                head: TableFlow(header: header, rows: [parts.head]),
                tail: TableFlow(header: header, rows: [parts.tail] + rest))
        }
        guard let first = rows.first, !rest.isEmpty else { return nil }
        return Split(head: TableFlow(header: header, rows: [first]), tail: TableFlow(header: header, rows: rest))
    }

    func draw(on canvas: Canvas, x: Double, y: Double) {
        var top = y
        for row in header + rows {
            row.draw(on: canvas, x: x, y: top)
            top += row.height
        }
    }
}
