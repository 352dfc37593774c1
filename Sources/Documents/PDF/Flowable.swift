/// Tolerance for comparing heights: floating-point sums of line heights must not push a fitting block to the next page.
let fitTolerance = 0.01

/// A block laid out at a fixed width: it knows its height, draws itself, and, where that makes sense, splits so that
/// a first part fits the space left on a page (the flowable model of ReportLab and TeX's page builder).
protocol Flowable {
    var height: Double { get }

    /// A first part no taller than `available` points and the rest (`nil` if nothing is left), or `nil` if it
    /// should rather move whole to the next page. With `force` (on an otherwise empty page) it must place
    /// something if it can split at all, so content taller than a page still progresses.
    func split(fitting available: Double, force: Bool) -> Split?

    /// Draws with the top left corner at (`x`, `y`).
    func draw(on canvas: Canvas, x: Double, y: Double)
}

struct Split {
    let head: any Flowable
    let tail: (any Flowable)?
}

/// Nothing; what an ignored block becomes.
struct EmptyFlow: Flowable {
    var height: Double { 0 }
    func split(fitting available: Double, force: Bool) -> Split? { Split(head: self, tail: nil) }
    func draw(on canvas: Canvas, x: Double, y: Double) {}
}

/// Lines `lines` of a shaped paragraph, followed by `spaceAfter` points.
struct TextFlow: Flowable {
    let text: ShapedText
    let lines: Range<Int>
    let spaceAfter: Double

    init(_ text: ShapedText, lines: Range<Int>? = nil, spaceAfter: Double) {
        self.text = text
        self.lines = lines ?? text.lines.indices
        self.spaceAfter = spaceAfter
    }

    private var top: Double { lines.isEmpty ? 0 : text.lines[lines.lowerBound].top }
    private var linesHeight: Double { lines.isEmpty ? 0 : text.lines[lines.upperBound - 1].bottom - top }
    var height: Double { linesHeight + spaceAfter }

    func split(fitting available: Double, force: Bool) -> Split? {
        var end = lines.lowerBound
        while end < lines.upperBound, text.lines[end].bottom - top <= available + fitTolerance { end += 1 }
        if end == lines.upperBound {  // the lines fit; only the space after did not
            return Split(head: TextFlow(text, lines: lines, spaceAfter: 0), tail: nil)
        }
        if end == lines.lowerBound {
            guard force, lines.count > 1 else { return nil }
            end += 1  // a line taller than the page: place it and let it overflow
        }
        return Split(
            head: TextFlow(text, lines: lines.lowerBound..<end, spaceAfter: 0),
            tail: TextFlow(text, lines: end..<lines.upperBound, spaceAfter: spaceAfter))
    }

    func draw(on canvas: Canvas, x: Double, y: Double) {
        canvas.setColor(text.color)
        for line in text.lines[lines] { canvas.show(line.line, x: x + line.x, baseline: y + line.baseline - top) }
    }
}

/// Vertical space; at a page end it simply stops.
struct SpaceFlow: Flowable {
    let height: Double
    func split(fitting available: Double, force: Bool) -> Split? {
        Split(head: SpaceFlow(height: max(0, available)), tail: nil)
    }
    func draw(on canvas: Canvas, x: Double, y: Double) {}
}

/// A thin horizontal line `length` long, centred in `width`, in the middle of a little space.
struct RuleFlow: Flowable {
    let length: Double
    let width: Double
    var height: Double { points(mm: 3) }
    func split(fitting available: Double, force: Bool) -> Split? { nil }
    func draw(on canvas: Canvas, x: Double, y: Double) {
        let start = x + (width - length) / 2
        canvas.line(from: (start, y + height / 2), to: (start + length, y + height / 2), lineWidth: 0.6, color: .black)
    }
}

/// A QR symbol in a white square of `side` points (quiet zone included), centred in `width`.
struct QRFlow: Flowable {
    let code: QRCode
    let side: Double
    let width: Double
    var height: Double { side }
    func split(fitting available: Double, force: Bool) -> Split? { nil }

    func draw(on canvas: Canvas, x: Double, y: Double) {
        let left = x + max(0, (width - side) / 2)
        canvas.fill(x: left, y: y, width: side, height: side, color: .white)
        let module = side / Double(code.size + 8)
        let origin = (x: left + 4 * module, y: y + 4 * module)
        var rectangles: [(x: Double, y: Double, width: Double, height: Double)] = []
        for row in 0..<code.size {
            var column = 0
            while column < code.size {  // one rectangle per horizontal run keeps the path short
                guard code.isDark(x: column, y: row) else {
                    column += 1
                    continue
                }
                let start = column
                while column < code.size, code.isDark(x: column, y: row) { column += 1 }
                rectangles.append(
                    (
                        origin.x + Double(start) * module, origin.y + Double(row) * module,
                        Double(column - start) * module, module
                    ))
            }
        }
        canvas.fill(rectangles: rectangles, color: .black)
    }
}

/// Flowables one under another. A kept-together stack splits only when forced (it is taller than a page).
struct StackFlow: Flowable {
    let items: [any Flowable]
    let keepTogether: Bool
    let height: Double

    init(_ items: [any Flowable], keepTogether: Bool = false) {
        self.items = items
        self.keepTogether = keepTogether
        height = items.reduce(0) { $0 + $1.height }
    }

    func split(fitting available: Double, force: Bool) -> Split? {
        if keepTogether && !force { return nil }
        var head: [any Flowable] = []
        var used = 0.0
        for (index, item) in items.enumerated() {
            if used + item.height <= available + fitTolerance {
                head.append(item)
                used += item.height
                continue
            }
            var rest = Array(items[(index + 1)...])
            // Zero-height items (an ignored page break, an empty spacer) placed so far do not count as progress:
            // ending the page on them alone would leave it blank.
            let mustProgress = force && used <= fitTolerance
            if let split = item.split(fitting: available - used, force: mustProgress) {
                head.append(split.head)
                if let tail = split.tail { rest.insert(tail, at: 0) }
            } else if mustProgress {
                head.append(item)  // cannot split and taller than the page: it overflows
            } else {
                rest.insert(item, at: 0)
            }
            if head.isEmpty { return nil }
            return Split(head: StackFlow(head), tail: rest.isEmpty ? nil : StackFlow(rest, keepTogether: keepTogether))
        }
        return Split(head: self, tail: nil)
    }

    func draw(on canvas: Canvas, x: Double, y: Double) {
        var top = y
        for item in items {
            item.draw(on: canvas, x: x, y: top)
            top += item.height
        }
    }
}

/// Flowables side by side, each at its own horizontal offset. Moves whole; split only when forced.
struct ColumnsFlow: Flowable {
    let columns: [(offset: Double, flow: any Flowable)]
    let height: Double

    init(_ columns: [(offset: Double, flow: any Flowable)]) {
        self.columns = columns
        height = columns.map(\.flow.height).max() ?? 0
    }

    func split(fitting available: Double, force: Bool) -> Split? {
        guard force, let parts = ColumnsFlow.split(columns.map(\.flow), fitting: available) else { return nil }
        let offsets = columns.map(\.offset)
        return Split(
            head: ColumnsFlow(Array(zip(offsets, parts.heads))),
            tail: ColumnsFlow(Array(zip(offsets, parts.tails))))
    }

    /// Splits every column at `available` (forced), or `nil` if no column can split, so nothing would progress.
    static func split(_ flows: [any Flowable], fitting available: Double)
        -> (heads: [any Flowable], tails: [any Flowable])?
    {
        var heads: [any Flowable] = []
        var tails: [any Flowable] = []
        var progressed = false
        for flow in flows {
            if flow.height > available + fitTolerance, let split = flow.split(fitting: available, force: true) {
                heads.append(split.head)
                tails.append(split.tail ?? EmptyFlow())
                progressed = progressed || split.tail != nil
            } else {
                heads.append(flow)
                tails.append(EmptyFlow())
            }
        }
        return progressed ? (heads, tails) : nil
    }

    func draw(on canvas: Canvas, x: Double, y: Double) {
        for column in columns { column.flow.draw(on: canvas, x: x + column.offset, y: y) }
    }
}
