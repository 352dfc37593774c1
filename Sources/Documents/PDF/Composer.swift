/// Turns blocks into flowables laid out at a given width.
struct Composer {
    let typesetter: Typesetter

    /// A block inside the flow of pages; `.pageBreak` and `.grid` are handled by the page builder before this.
    func flow(_ block: Block, width: Double) throws(PDFError) -> any Flowable {
        switch block {
        case .text(let text, let style):
            let shaped = try typesetter.shape(text, style: style, width: width)
            return TextFlow(shaped, spaceAfter: points(mm: style.spaceAfter.clamped(to: 0...1_000, fallback: 0)))
        case .spacer(let mm):
            return SpaceFlow(height: points(mm: mm.clamped(to: 0...1_000, fallback: 0)))
        case .rule:
            return RuleFlow(length: width, width: width)
        case .centeredRule(let mm):
            return RuleFlow(length: min(width, points(mm: mm.clamped(to: 0...10_000, fallback: 0))), width: width)
        case .table(let table):
            return try self.table(table, width: width)
        case .qr(let text, let sizeMM):
            guard !text.utf8.contains(0), let code = QRCode(text) else {
                throw .qrCodeUnencodable(length: text.utf8.count)
            }
            let side = min(points(mm: sizeMM.clamped(to: 5...1_000, fallback: 30)), width)
            return QRFlow(code: code, side: side, width: width)
        case .row(let blocks, let widths):
            let padded = blocks.indices.map { $0 < widths.count ? widths[$0] : .relative(1) }
            let resolved = padded.resolved(total: width)
            var offset = 0.0
            var columns: [(offset: Double, flow: any Flowable)] = []
            for (block, columnWidth) in zip(blocks, resolved) {
                columns.append((offset, try stack([block], width: columnWidth)))
                offset += columnWidth
            }
            return ColumnsFlow(columns)
        case .grid:
            throw .gridInsideAnotherBlock
        case .pageBreak:
            return EmptyFlow()
        case .keepTogether(let blocks):
            return try stack(blocks, width: width, keepTogether: true)
        }
    }

    func stack(_ blocks: [Block], width: Double, keepTogether: Bool = false) throws(PDFError) -> StackFlow {
        var items: [any Flowable] = []
        for block in blocks { items.append(try flow(block, width: width)) }
        return StackFlow(items, keepTogether: keepTogether)
    }

    private func table(_ table: Table, width: Double) throws(PDFError) -> any Flowable {
        guard !table.columns.isEmpty else { return EmptyFlow() }
        let widths = table.columns.map(\.width).resolved(total: width)
        var offsets: [Double] = []
        var offset = 0.0
        for columnWidth in widths {
            offsets.append(offset)
            offset += columnWidth
        }
        func row(_ cells: [Table.Cell], isHeader: Bool) throws(PDFError) -> TableRowFlow {
            var laidOut: [TableRowFlow.Cell] = []
            var column = 0
            for cell in cells where column < widths.count {
                let span = min(max(1, cell.span), widths.count - column)
                let cellWidth = widths[column..<(column + span)].reduce(0, +)
                let style =
                    cell.style
                    ?? (isHeader
                        ? table.headerStyle
                        : table.style.aligned(table.columns[column].alignment))
                let text = try typesetter.shape(
                    cell.text, style: style,
                    width: cellWidth - 2 * TableRowFlow.padding.horizontal)
                laidOut.append(.init(offset: offsets[column], width: cellWidth, content: TextFlow(text, spaceAfter: 0)))
                column += span
            }
            // Missing cells still get their ruled box.
            for index in column..<widths.count {
                laidOut.append(.init(offset: offsets[index], width: widths[index], content: EmptyFlow()))
            }
            return TableRowFlow(cells: laidOut, isHeader: isHeader)
        }
        var header: [TableRowFlow] = []
        for cells in table.headerRows { header.append(try row(cells, isHeader: true)) }
        var rows: [TableRowFlow] = []
        for cells in table.rows { rows.append(try row(cells, isHeader: false)) }
        return TableFlow(header: header, rows: rows)
    }
}
