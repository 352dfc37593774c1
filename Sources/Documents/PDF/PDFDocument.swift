import Foundation

/// A printable document described as blocks, rendered to PDF with Pango (text shaping, so Vietnamese — decomposed
/// input included — comes out right) and Cairo (PDF output with fonts embedded and subset).
///
/// Rendering is synchronous and takes a few hundredths of a second a page; call it from a thread pool, not an
/// event loop. A value can be rendered from any thread.
public struct PDFDocument: Sendable {
    /// The PDF's Title entry.
    public var title: String
    /// The PDF's Author entry.
    public var author: String
    /// The PDF's Subject entry.
    public var subject: String
    /// The PDF's CreationDate entry; `nil` uses the moment of rendering.
    public var creationDate: Date?
    /// The paper size of every page.
    public var pageSize: PageSize
    /// The margins of every page.
    public var margins: Margins
    /// The font family of all text without a family of its own. It must be installed and cover Vietnamese.
    public var fontFamily: String
    /// Blocks drawn at the top of every page, above the body (e.g. the school's name on a register); their
    /// height is reserved on every page.
    public var header: (@Sendable (PageInfo) -> [Block])?
    /// Blocks drawn at the foot of every page, e.g. `[.text("Trang \(page.number)/\(page.count)", style: .small)]`.
    public var footer: (@Sendable (PageInfo) -> [Block])?
    /// The content, in order.
    public private(set) var blocks: [Block] = []

    /// An empty document, set in a serif as official documents are (Times New Roman's metrics): Liberation Serif
    /// (Debian `fonts-liberation2`) covers all Vietnamese letters, including the ones of minority-language names
    /// such as “Kŏ”; a glyph it lacked would come from DejaVu (`fonts-dejavu-core`) through fontconfig.
    public init(
        title: String, author: String = "hoso", subject: String = "", pageSize: PageSize = .a4,
        margins: Margins = .init(mm: 15), fontFamily: String = PDFDocument.serif
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.pageSize = pageSize
        self.margins = margins
        self.fontFamily = fontFamily
    }

    /// The serif every printout uses unless it names another family.
    public static let serif = "Liberation Serif"

    /// Appends a block.
    public mutating func add(_ block: Block) { blocks.append(block) }

    /// Appends blocks.
    public mutating func add(contentsOf blocks: [Block]) { self.blocks.append(contentsOf: blocks) }

    /// The PDF file's bytes.
    public func render() throws(PDFError) -> [UInt8] {
        try PDFRenderer(document: self).render()
    }
}
