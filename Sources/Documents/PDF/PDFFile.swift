import Foundation

/// Just enough of a PDF's structure to append an incremental update to it: the cross-reference tables (classic ones,
/// as Cairo and hoso's own updates write them, followed through /Prev), the trailer, the catalog and the document
/// information.
struct PDFFile {
    let bytes: [UInt8]
    /// Where the newest cross-reference table starts.
    let startXref: Int
    /// The trailer's /Size: the next free object number.
    let size: Int
    /// The catalog's object number.
    let root: Int
    /// "5 0 R", the information dictionary, if the trailer names one.
    let infoReference: String?
    /// The trailer's /ID array as written, if any.
    let trailerID: String?
    /// Object offsets by number, the newest revision of each.
    let offsets: [Int: Int]

    init(_ bytes: [UInt8]) throws(PDFError) {
        self.bytes = bytes
        let tail = String(decoding: bytes.suffix(1024), as: UTF8.self)
        guard let marker = tail.range(of: "startxref", options: .backwards),
            let start = Int(tail[marker.upperBound...].split(whereSeparator: \.isWhitespace).first ?? "")
        else { throw PDFError.unreadable("no startxref") }
        startXref = start
        var offsets: [Int: Int] = [:]
        var trailer = ""
        var next: Int? = start
        var seen = Set<Int>()
        while let table = next, !seen.contains(table) {
            seen.insert(table)
            let (entries, dictionary) = try Self.xrefTable(bytes, at: table)
            for (number, offset) in entries where offsets[number] == nil { offsets[number] = offset }
            if trailer.isEmpty { trailer = dictionary }
            next = Self.reference(dictionary, "/Prev").flatMap { Int($0) }
        }
        guard let size = Self.reference(trailer, "/Size").flatMap({ Int($0) }),
            let root = Self.reference(trailer, "/Root").flatMap({ Int($0) })
        else { throw PDFError.unreadable("trailer without /Size or /Root") }
        self.size = size
        self.root = root
        self.offsets = offsets
        infoReference = Self.reference(trailer, "/Info").map { "\($0) 0 R" }
        trailerID = trailer.range(of: "/ID").flatMap { range -> String? in
            guard let open = trailer[range.upperBound...].firstIndex(of: "["),
                let close = trailer[open...].firstIndex(of: "]")
            else { return nil }
            return String(trailer[open...close])
        }
    }

    /// The entries and trailer dictionary of the classic table at `offset`.
    static func xrefTable(_ bytes: [UInt8], at offset: Int) throws(PDFError) -> ([(Int, Int)], String) {
        guard offset >= 0, offset < bytes.count else { throw PDFError.unreadable("startxref out of range") }
        let text = String(decoding: bytes[offset...], as: UTF8.self)
        guard text.hasPrefix("xref") else { throw PDFError.unreadable("not a classic cross-reference table (xref streams are not read)") }
        guard let trailerRange = text.range(of: "trailer") else { throw PDFError.unreadable("no trailer") }
        let tokens = text[text.index(text.startIndex, offsetBy: 4)..<trailerRange.lowerBound].split(whereSeparator: \.isWhitespace)
        var entries: [(Int, Int)] = []
        var index = 0
        while index + 1 < tokens.count, let first = Int(tokens[index]), let count = Int(tokens[index + 1]) {
            index += 2
            for number in first..<(first + count) {
                guard index + 2 < tokens.count else { break }
                if tokens[index + 2] == "n", let position = Int(tokens[index]) { entries.append((number, position)) }
                index += 3
            }
        }
        let after = text[trailerRange.upperBound...]
        let end = after.range(of: "startxref")?.lowerBound ?? after.endIndex
        return (entries, String(after[..<end]))
    }

    /// The first token after `key` in `dictionary` ("12" of "/Root 12 0 R").
    static func reference(_ dictionary: String, _ key: String) -> String? {
        var search = dictionary[...]
        while let range = search.range(of: key) {
            let rest = search[range.upperBound...]
            // "/Size" must not match "/SizeX".
            if let next = rest.first, next.isLetter {
                search = rest
                continue
            }
            return rest.split(whereSeparator: \.isWhitespace).first.map { String($0.prefix { $0.isNumber }) }
        }
        return nil
    }

    /// The text of object `number` from "obj" to "endobj", exclusive.
    func object(_ number: Int) throws(PDFError) -> String {
        guard let offset = offsets[number] else { throw PDFError.unreadable("object \(number) not found") }
        let text = String(decoding: bytes[offset..<min(bytes.count, offset + 65536)], as: UTF8.self)
        guard let open = text.range(of: "obj"), let close = text.range(of: "endobj") else {
            throw PDFError.unreadable("object \(number) unreadable")
        }
        return String(text[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The catalog's dictionary.
    var catalog: String {
        get throws(PDFError) { try object(root) }
    }

    /// The document information's text entries, decoded.
    var info: [String: String] {
        guard let reference = infoReference, let number = Int(reference.prefix { $0.isNumber }),
            let text = try? object(number)
        else { return [:] }
        var result: [String: String] = [:]
        for key in ["Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate"] {
            if let value = Self.string(in: text, key: "/" + key) { result[key] = value }
        }
        return result
    }

    /// The string value of `key` in `dictionary`: a literal "(…)" with escapes, or hex "<…>"; UTF-16BE with a byte
    /// order mark, or PDFDocEncoding (read as Latin-1).
    static func string(in dictionary: String, key: String) -> String? {
        guard let range = dictionary.range(of: key + " ") ?? dictionary.range(of: key + "(") ?? dictionary.range(of: key + "<") else {
            return nil
        }
        var index = dictionary.index(range.upperBound, offsetBy: -1)
        while dictionary[index] == " " { index = dictionary.index(after: index) }
        var raw: [UInt8] = []
        if dictionary[index] == "(" {
            var depth = 0
            var escaped = false
            var octal = ""
            for scalar in dictionary[index...].unicodeScalars {
                let c = scalar.value
                if !octal.isEmpty {
                    if (48...55).contains(c) && octal.count < 3 {
                        octal.unicodeScalars.append(scalar)
                        continue
                    }
                    raw.append(UInt8(Int(octal, radix: 8)! & 0xFF))
                    octal = ""
                }
                if escaped {
                    escaped = false
                    switch scalar {
                    case "n": raw.append(10)
                    case "r": raw.append(13)
                    case "t": raw.append(9)
                    case "0"..."7": octal = String(scalar)
                    default: raw.append(UInt8(c & 0xFF))
                    }
                    continue
                }
                if scalar == "\\" {
                    escaped = true
                } else if scalar == "(" {
                    depth += 1
                    if depth > 1 { raw.append(UInt8(c)) }
                } else if scalar == ")" {
                    depth -= 1
                    if depth == 0 { break }
                    raw.append(UInt8(c))
                } else {
                    raw.append(UInt8(c & 0xFF))
                }
            }
        } else if dictionary[index] == "<" {
            let hex = dictionary[dictionary.index(after: index)...].prefix { $0 != ">" }.filter(\.isHexDigit)
            var chars = Array(hex)
            if chars.count % 2 == 1 { chars.append("0") }
            raw = stride(from: 0, to: chars.count, by: 2).compactMap { UInt8(String(chars[$0...$0 + 1]), radix: 16) }
        } else {
            return nil
        }
        if raw.count >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
            let units = stride(from: 2, to: raw.count - 1, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        return String(raw.map { Character(Unicode.Scalar($0)) })
    }

    /// `pdf` with `objects` (number, body between "obj" and "endobj") appended as an incremental update whose trailer
    /// points back to `previous`.
    static func append(
        _ objects: [(Int, [UInt8])], to pdf: [UInt8], size: Int, root: Int, previous: Int, trailerExtra: String
    ) -> [UInt8] {
        var out = pdf
        if out.last != 0x0A { out.append(0x0A) }
        var positions: [(Int, Int)] = []
        for (number, body) in objects {
            positions.append((number, out.count))
            out += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n"
        let sorted = positions.sorted { $0.0 < $1.0 }
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1].0 == sorted[end].0 + 1 { end += 1 }
            table += "\(sorted[index].0) \(end - index + 1)\n"
            for entry in sorted[index...end] { table += String(format: "%010d 00000 n \n", entry.1) }
            index = end + 1
        }
        table += "trailer\n<< /Size \(size) /Root \(root) 0 R /Prev \(previous) \(trailerExtra) >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }
}

/// A 128-bit content fingerprint (two FNV-1a 64 passes) for a file identifier; not a cryptographic hash.
enum Fingerprint {
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        return (0..<8).map { UInt8((a >> ($0 * 8)) & 0xFF) } + (0..<8).map { UInt8((b >> ($0 * 8)) & 0xFF) }
    }
}
