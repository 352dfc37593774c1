import Foundation

/// Writes CSV that Excel opens correctly with Vietnamese text: UTF‑8 with a byte‑order mark, CRLF line ends,
/// fields quoted when needed, and cells that would start a formula neutralised.
public struct CSVWriter: Sendable {
    private var lines: [String] = []

    public init(header: [String]) { append(header) }

    /// Adds a row.
    public mutating func append(_ fields: [String]) {
        lines.append(fields.map(CSVWriter.escape).joined(separator: ","))
    }

    /// The file's text, starting with the byte‑order mark.
    public var text: String { "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n" }

    static func escape(_ field: String) -> String {
        var value = field
        // A leading = + - @ would make Excel evaluate the cell (CSV injection); a quote mark keeps it text.
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
