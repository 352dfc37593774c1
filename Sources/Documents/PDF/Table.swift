/// A ruled table: a header repeated at the top of every page it spans, and rows whose cells wrap. Rows move to the
/// next page whole; only a row taller than a page is split between its lines.
public struct Table: Sendable {
    /// One column's width and the alignment of its body cells.
    public struct Column: Sendable, Hashable {
        /// The column's width.
        public var width: ColumnWidth
        /// Alignment of body cells that have no style of their own.
        public var alignment: TextStyle.Alignment

        /// A column; by default an equal share of the width, left aligned.
        public init(_ width: ColumnWidth = .relative(1), alignment: TextStyle.Alignment = .left) {
            self.width = width
            self.alignment = alignment
        }
    }

    /// One cell: literal text, possibly spanning several columns.
    public struct Cell: Sendable, Hashable, ExpressibleByStringInterpolation {
        /// The cell's text, shown literally and wrapped.
        public var text: String
        /// How many columns the cell covers (at least 1; clamped to the columns left in the row).
        public var span: Int
        /// A style for this cell only; `nil` uses the table's style with the column's alignment.
        public var style: TextStyle?

        /// A cell.
        public init(_ text: String, span: Int = 1, style: TextStyle? = nil) {
            self.text = text
            self.span = span
            self.style = style
        }

        /// A cell from a string literal.
        public init(stringLiteral value: String) { self.init(value) }
    }

    /// The columns, left to right. A table without columns draws nothing.
    public var columns: [Column]
    /// Header rows, drawn on a grey ground at the top of the table and again on every page it continues on.
    public var headerRows: [[Cell]]
    /// Body rows. Missing cells are left empty; cells beyond the last column are dropped.
    public var rows: [[Cell]]
    /// Style of body cells.
    public var style: TextStyle
    /// Style of header cells.
    public var headerStyle: TextStyle

    /// A table with one header row (none if `header` is empty).
    public init(
        columns: [Column], header: [Cell] = [], rows: [[Cell]] = [],
        style: TextStyle = TextStyle(size: 10, lineHeight: 1.05),
        headerStyle: TextStyle = TextStyle(size: 10, isBold: true, alignment: .center, lineHeight: 1.05)
    ) {
        self.columns = columns
        self.headerRows = header.isEmpty ? [] : [header]
        self.rows = rows
        self.style = style
        self.headerStyle = headerStyle
    }

    /// Appends a body row.
    public mutating func addRow(_ cells: [Cell]) { rows.append(cells) }
}
