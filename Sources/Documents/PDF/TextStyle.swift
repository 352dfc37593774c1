/// How a run of text looks: size, weight, slant, alignment, colour and the space after it.
public struct TextStyle: Sendable, Hashable {
    /// Horizontal placement of the lines of a paragraph.
    public enum Alignment: Sendable, Hashable {
        case left, center, right
        /// Both edges straight, last line left: the usual setting for minutes and letters.
        case justified
    }

    /// Font size in points.
    public var size: Double
    /// Bold weight.
    public var isBold: Bool
    /// Italic slant.
    public var isItalic: Bool
    /// Line alignment within the block's width.
    public var alignment: Alignment
    /// Ink colour.
    public var color: Color
    /// A font family for this text only (e.g. "DejaVu Sans Mono" for codes); `nil` uses the document's.
    public var family: String?
    /// Extra space after the paragraph, in millimetres.
    public var spaceAfter: Double
    /// Line height as a multiple of the font's natural line height, the extra shared above and below each line.
    /// Vietnamese capitals carry stacked marks (Ở, Ễ) that crowd the line above at 1.
    public var lineHeight: Double

    /// A style; the defaults are the body text of a form.
    public init(
        size: Double = 11, isBold: Bool = false, isItalic: Bool = false, alignment: Alignment = .left,
        color: Color = .black, family: String? = nil, spaceAfter: Double = 0, lineHeight: Double = 1.15
    ) {
        self.size = size
        self.isBold = isBold
        self.isItalic = isItalic
        self.alignment = alignment
        self.color = color
        self.family = family
        self.spaceAfter = spaceAfter
        self.lineHeight = lineHeight
    }

    /// A document title: 16 pt bold, centred.
    public static let title = TextStyle(size: 16, isBold: true, alignment: .center, spaceAfter: 3)
    /// A section heading: 13 pt bold.
    public static let heading = TextStyle(size: 13, isBold: true, spaceAfter: 2)
    /// Body text: 11 pt.
    public static let body = TextStyle()
    /// Notes and fine print: 9 pt.
    public static let small = TextStyle(size: 9)

    /// This style in bold.
    public func bold(_ on: Bool = true) -> TextStyle { with { $0.isBold = on } }
    /// This style in italic.
    public func italic(_ on: Bool = true) -> TextStyle { with { $0.isItalic = on } }
    /// This style with another alignment.
    public func aligned(_ alignment: Alignment) -> TextStyle { with { $0.alignment = alignment } }
    /// This style at another size, in points.
    public func sized(_ size: Double) -> TextStyle { with { $0.size = size } }
    /// This style in another colour.
    public func colored(_ color: Color) -> TextStyle { with { $0.color = color } }
    /// This style in another font family.
    public func family(_ family: String) -> TextStyle { with { $0.family = family } }
    /// This style with `mm` millimetres of space after the paragraph.
    public func spaced(after mm: Double) -> TextStyle { with { $0.spaceAfter = mm } }
    /// This style with another line height (a multiple of the font's natural one).
    public func lineHeight(_ multiple: Double) -> TextStyle { with { $0.lineHeight = multiple } }

    private func with(_ change: (inout TextStyle) -> Void) -> TextStyle {
        var copy = self
        change(&copy)
        return copy
    }
}
