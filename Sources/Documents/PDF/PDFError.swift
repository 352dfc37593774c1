/// Why a PDF could not be made.
public enum PDFError: Error, Sendable, Hashable {
    /// The font family is not installed (fontconfig does not know it); Pango would silently substitute a font that
    /// may lack Vietnamese letters, so this is refused instead.
    case fontUnavailable(family: String)
    /// The text cannot be a QR code: it is empty, contains a NUL character (libqrencode reads C strings), or is
    /// longer than the 2,331 bytes a level‑M code holds (`length` is its UTF‑8 length).
    case qrCodeUnencodable(length: Int)
    /// The page size and margins leave no room to print.
    case pageTooSmall
    /// A `Block.grid` was found inside another block; grids fill whole pages, so they belong at the top level.
    case gridInsideAnotherBlock
    /// Cairo failed while writing the PDF (its status description).
    case cairo(String)
    /// A PDF to update could not be read (what was missing): hoso appends to the PDFs it writes itself.
    case unreadable(String)
}
