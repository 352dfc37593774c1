/// The paper a document is printed on, in millimetres.
public struct PageSize: Sendable, Hashable {
    /// Width in millimetres.
    public var widthMM: Double
    /// Height in millimetres.
    public var heightMM: Double

    /// A page of the given size in millimetres.
    public init(widthMM: Double, heightMM: Double) {
        self.widthMM = widthMM
        self.heightMM = heightMM
    }

    /// A4 portrait, 210 × 297 mm: every official school form.
    public static let a4 = PageSize(widthMM: 210, heightMM: 297)
    /// A4 landscape, 297 × 210 mm: wide tables such as the register book or a class summary.
    public static let a4Landscape = PageSize(widthMM: 297, heightMM: 210)
    /// A5 portrait, 148 × 210 mm: half an A4 sheet, for receipts.
    public static let a5 = PageSize(widthMM: 148, heightMM: 210)
}

/// White space around the printed area, in millimetres.
public struct Margins: Sendable, Hashable {
    /// Top margin in millimetres.
    public var top: Double
    /// Right margin in millimetres.
    public var right: Double
    /// Bottom margin in millimetres.
    public var bottom: Double
    /// Left margin in millimetres.
    public var left: Double

    /// The same margin on all four sides.
    public init(mm: Double) {
        self.init(top: mm, right: mm, bottom: mm, left: mm)
    }

    /// Each side on its own; official documents (Nghị định 30/2020) use a wider left margin for binding.
    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }
}

/// Where a page sits in the finished document, for running headers and footers such as “Trang 2/5”.
public struct PageInfo: Sendable, Hashable {
    /// The page's number, counting from 1.
    public let number: Int
    /// How many pages the document has.
    public let count: Int

    /// A page `number` of `count`.
    public init(number: Int, count: Int) {
        self.number = number
        self.count = count
    }
}

/// Points (1/72 inch, Cairo's PDF unit) in `mm` millimetres.
func points(mm: Double) -> Double { mm * 72 / 25.4 }

extension Double {
    /// The value if it is finite and within `range`, clamped into it if finite but outside, `fallback` if NaN or
    /// infinite — caller‑supplied sizes must never produce a NaN coordinate or a loop without end.
    func clamped(to range: ClosedRange<Double>, fallback: Double) -> Double {
        guard isFinite else { return fallback }
        return Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
