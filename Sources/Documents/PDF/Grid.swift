/// Cards laid out `columns` × `rows` to a page, with dashed cut lines between them running to the paper's edges —
/// for slips cut apart after printing (registration codes, login cards). A grid always starts on a new page and the
/// content after it starts on the next; a card never splits, and content taller than its card is scaled down
/// to fit it.
public struct Grid: Sendable {
    /// Cards across a page (at least 1).
    public var columns: Int
    /// Cards down a page (at least 1).
    public var rows: Int
    /// The cards, filled row by row.
    public var cards: [[Block]]
    /// Space inside each card, in millimetres.
    public var padding: Double
    /// Whether to draw the dashed cut lines.
    public var cutLines: Bool

    /// A grid of `columns` × `rows` cards per page.
    public init(columns: Int, rows: Int, cards: [[Block]] = [], padding: Double = 5, cutLines: Bool = true) {
        self.columns = columns
        self.rows = rows
        self.cards = cards
        self.padding = padding
        self.cutLines = cutLines
    }

    /// Appends a card.
    public mutating func addCard(_ blocks: [Block]) { cards.append(blocks) }
}
