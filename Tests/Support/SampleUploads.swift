/// A tiny valid PDF standing in for a scanned birth certificate in web tests.
public enum SampleUploads {
    public static let birthCertificatePDF: [UInt8] = Array(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R /Size 10 >>\n%%EOF\n".utf8)
}

/// Minimal files of each kind, built byte by byte so the inspector's rules can be probed one at a time.
public enum SampleFiles {
    public static func png(width: Int, height: Int) -> [UInt8] {
        func be(_ value: Int) -> [UInt8] {
            [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 2, 0, 0, 0] + [0, 0, 0, 0] + be(0) + Array("IDAT".utf8) + [0, 0, 0, 0] + be(0) + Array("IEND".utf8) + [
                0xAE, 0x42, 0x60, 0x82,
            ]
    }

    public static func jpeg(width: Int, height: Int, trailer: [UInt8] = []) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let sof: [UInt8] = [
            0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF),
            0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        ]
        return [0xFF, 0xD8] + app0 + sof + [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0] + Array(repeating: 0x55, count: 200) + [
            0xFF, 0xD9,
        ] + trailer
    }

    public static func pdf(_ body: String = "1 0 obj << /Type /Catalog >> endobj") -> [UInt8] {
        Array("%PDF-1.7\n\(body)\ntrailer << /Root 1 0 R /Size 10 >>\n%%EOF\n".utf8)
    }
}
