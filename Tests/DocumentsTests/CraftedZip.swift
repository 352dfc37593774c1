/// Builds ZIP archives byte by byte, so tests can make the broken and hostile ones no ZIP library would write.
struct CraftedZip {
    struct Entry {
        var name: String
        /// The bytes stored in the archive (already deflated when `method` is 8).
        var stored: [UInt8]
        var method: UInt16 = 0
        var crc: UInt32
        var declaredSize: UInt32
        /// Where the central directory says the local header is; nil for where it really is.
        var claimedOffset: UInt32? = nil
    }

    var entries: [Entry] = []
    /// Overrides the entry count in the end record.
    var claimedEntryCount: UInt16? = nil

    /// A stored (uncompressed) entry.
    mutating func add(_ name: String, _ text: String) {
        add(name, bytes: Array(text.utf8))
    }

    /// A stored entry of any bytes, UTF‑8 or not.
    mutating func add(_ name: String, bytes: [UInt8]) {
        entries.removeAll { $0.name == name }
        entries.append(Entry(name: name, stored: bytes, crc: Checksum.crc32(bytes), declaredSize: UInt32(bytes.count)))
    }

    /// A deflated entry with a size and checksum of the caller's choosing.
    mutating func add(_ name: String, deflated: [UInt8], declaredSize: UInt32, crc: UInt32 = 0) {
        entries.append(Entry(name: name, stored: deflated, method: 8, crc: crc, declaredSize: declaredSize))
    }

    var bytes: [UInt8] {
        var output: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let offset = UInt32(output.count)
            let name = Array(entry.name.utf8)
            output += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0x21)
            output += le32(entry.crc) + le32(UInt32(entry.stored.count)) + le32(entry.declaredSize)
            output += le16(UInt16(name.count)) + le16(0) + name + entry.stored
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0)
            directory += le16(0x21) + le32(entry.crc) + le32(UInt32(entry.stored.count)) + le32(entry.declaredSize)
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            directory += le32(entry.claimedOffset ?? offset) + name
        }
        let directoryOffset = UInt32(output.count)
        let count = claimedEntryCount ?? UInt16(entries.count)
        output += directory
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
        output += le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        return output
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A `.rels` part holding `(id, kind, target)` relationships.
    static func rels(_ links: [(String, String, String)]) -> String {
        #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + links.map { #"<Relationship Id="\#($0.0)" Type="\#(relationships)/\#($0.1)" Target="\#($0.2)"/>"# }.joined()
            + "</Relationships>"
    }

    /// The parts of a minimal workbook whose first sheet is `sheetData` (the inside of `<sheetData>`), with optional
    /// shared strings (`<si>` items) and styles; `replacing` swaps in other text for any part, or adds one.
    static func workbook(
        sheetData: String, sharedStrings: String? = nil, styles: String? = nil, replacing: [String: String] = [:]
    ) -> CraftedZip {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("_rels/.rels", rels([("rId1", "officeDocument", "xl/workbook.xml")])),
            (
                "xl/workbook.xml",
                #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>"#
                    + #"<sheet name="Trang 1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                rels([
                    ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "sharedStrings", "sharedStrings.xml"),
                    ("rId3", "styles", "styles.xml"),
                ])
            ),
            (
                "xl/worksheets/sheet1.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)">"#
                    + "<sheetData>\(sheetData)</sheetData></worksheet>"
            ),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(main)">\#(sharedStrings)</sst>"#)) }
        if let styles { parts.append(("xl/styles.xml", #"<styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"#)) }
        var zip = CraftedZip()
        for (name, text) in parts { zip.add(name, replacing[name] ?? text) }
        for (name, text) in replacing.sorted(by: { $0.key < $1.key }) where !parts.contains(where: { $0.0 == name }) {
            zip.add(name, text)
        }
        return zip
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
}

/// Raw deflate streams written with the fixed Huffman code (RFC 1951 §3.2.6), enough for bombs and small parts.
struct FixedDeflate {
    private var output: [UInt8] = []
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0

    /// `literals`, then `repeats` more copies of the last literal as 258‑byte matches at distance 1: each match costs
    /// 13 bits, so a few hundred kilobytes inflate to tens of megabytes.
    static func stream(_ literals: [UInt8], repeatingLast repeats: Int = 0) -> [UInt8] {
        var writer = FixedDeflate()
        writer.bits(1, count: 1)  // BFINAL
        writer.bits(1, count: 2)  // BTYPE 01: fixed Huffman
        for byte in literals { writer.literal(Int(byte)) }
        for _ in 0..<(repeats / 258) {
            writer.code(0b1100_0101, length: 8)  // length symbol 285: 258 bytes
            writer.code(0, length: 5)  // distance code 0: distance 1
        }
        for _ in 0..<(repeats % 258) { writer.literal(Int(literals.last ?? 0)) }
        writer.code(0, length: 7)  // end of block
        return writer.finish()
    }

    /// A non‑final stored block claiming 65,535 bytes, followed by only `present` of them: a stream that never ends.
    static func unterminated(present: Int) -> [UInt8] {
        [0x00, 0xFF, 0xFF, 0x00, 0x00] + [UInt8](repeating: 0x41, count: present)
    }

    private mutating func literal(_ value: Int) {
        if value < 144 { code(0x30 + value, length: 8) } else { code(0x190 + value - 144, length: 9) }
    }

    /// Huffman codes go most significant bit first into a stream packed least significant bit first.
    private mutating func code(_ code: Int, length: Int) {
        var reversed = 0
        for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
        bits(reversed, count: length)
    }

    private mutating func bits(_ value: Int, count: Int) {
        bitBuffer |= UInt32(value) << UInt32(bitCount)
        bitCount += count
        while bitCount >= 8 {
            output.append(UInt8(bitBuffer & 0xFF))
            bitBuffer >>= 8
            bitCount -= 8
        }
    }

    private mutating func finish() -> [UInt8] {
        if bitCount > 0 { output.append(UInt8(bitBuffer & 0xFF)) }
        return output
    }
}

enum Checksum {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
