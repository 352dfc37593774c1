/// The width of a table column or of a column in a `Block.row`.
public enum ColumnWidth: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// A fixed width in millimetres.
    case mm(Double)
    /// A share of the width left over after the fixed columns, in proportion to the other relative columns.
    case relative(Double)

    /// A literal number is a relative width, so `widths: [2, 1]` gives two thirds and one third.
    public init(integerLiteral value: Int) { self = .relative(Double(value)) }

    /// A literal number is a relative width.
    public init(floatLiteral value: Double) { self = .relative(value) }
}

extension [ColumnWidth] {
    /// Widths in points that add up to `total`: fixed columns first (scaled down if they alone overflow), the rest
    /// shared among relative columns. Nonsense values (negative, NaN) count as zero rather than failing.
    func resolved(total: Double) -> [Double] {
        let fixed = map { width -> Double? in
            if case .mm(let mm) = width { return points(mm: mm.clamped(to: 0...10_000, fallback: 0)) }
            return nil
        }
        let weights = map { width -> Double in
            if case .relative(let weight) = width { return weight.clamped(to: 0...1_000_000, fallback: 0) }
            return 0
        }
        let fixedSum = fixed.reduce(0) { $0 + ($1 ?? 0) }
        let weightSum = weights.reduce(0, +)
        let scale = fixedSum > total && fixedSum > 0 ? total / fixedSum : 1
        let left = Swift.max(0, total - fixedSum * scale)
        return indices.map { index in
            if let width = fixed[index] { return width * scale }
            return weightSum > 0 ? left * weights[index] / weightSum : 0
        }
    }
}
