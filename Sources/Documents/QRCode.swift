import CQREncode

/// A QR code symbol made by libqrencode: a square of dark and light modules.
public struct QRCode: Sendable {
    /// Modules per side.
    public let size: Int
    /// Row‑major; `true` is a dark module.
    public let modules: [Bool]

    /// Encodes `text` as UTF‑8 bytes with error correction level M; `nil` if it is too long for a QR code.
    public init?(_ text: String) {
        guard let symbol = text.withCString({ QRcode_encodeString8bit($0, 0, QR_ECLEVEL_M) }) else { return nil }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        size = width
        modules = (0..<(width * width)).map { symbol.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at (`x`, `y`) is dark.
    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The symbol as a standalone SVG with a four‑module quiet zone, one path of unit squares.
    public func svg(moduleSize: Int = 6) -> String {
        let quiet = 4
        let total = size + 2 * quiet
        var path = ""
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                path += "M\(x + quiet),\(y + quiet)h1v1h-1z"
            }
        }
        let pixels = total * moduleSize
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" viewBox="0 0 \(total) \(total)" \
            shape-rendering="crispEdges"><rect width="\(total)" height="\(total)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }
}
