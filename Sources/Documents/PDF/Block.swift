/// One piece of a document's content. Blocks stack from the top of the page down and move to the next page when
/// they do not fit: text and tables split between lines and rows, the others move whole.
public indirect enum Block: Sendable {
    /// A paragraph that wraps at the available width (a word longer than a line breaks between letters). The text is
    /// shown literally — markup is not interpreted — and is normalised to NFC, so decomposed Vietnamese prints the same
    /// as composed. Control characters other than line breaks are dropped; a tab becomes a space.
    case text(String, style: TextStyle = .body)
    /// Empty vertical space. Dropped when it would open a page that overflow started.
    case spacer(mm: Double)
    /// A thin horizontal line across the available width, with a little space above and below.
    case rule
    /// A short centred line, `widthMM` long: the one under the school's name and under the national motto in the
    /// heading of official documents.
    case centeredRule(widthMM: Double)
    /// A table; see `Table`.
    case table(Table)
    /// A QR code of `text` (UTF‑8, error correction M), drawn as vector squares in a white square of `sizeMM` that
    /// includes the four‑module quiet zone, centred in the available width. Text that cannot be encoded is
    /// `PDFError.qrCodeUnencodable`.
    case qr(String, sizeMM: Double)
    /// Blocks side by side, each in a column of the given width (missing widths count as `.relative(1)`). A row is
    /// kept on one page unless it is taller than a whole page.
    case row([Block], widths: [ColumnWidth])
    /// Cards in a fixed grid that fills whole pages, with dashed cut lines between them; only at the top level of a
    /// document. See `Grid`.
    case grid(Grid)
    /// Starts a new page (ignored on a page that is still empty, and inside other blocks).
    case pageBreak
    /// Blocks moved to the next page together if they do not fit on this one (split only if taller than a page).
    case keepTogether([Block])
}
