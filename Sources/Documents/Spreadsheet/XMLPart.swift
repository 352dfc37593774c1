import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A SAX delegate for one part of a workbook that can stop the parse with a typed error.
protocol XMLPartDelegate: XMLParserDelegate {
    /// Set before `abortParsing()` when the delegate stops the parse itself.
    var failure: XLSXError? { get }
}

/// Parses the XML parts of an uploaded workbook with Foundation's `XMLParser` (libxml2), refusing anything that could
/// make it fetch or expand entities.
enum XMLPart {
    private static let whitespace: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
    private static let commentStart = Array("--".utf8)
    private static let cdataStart = Array("[CDATA[".utf8)
    private static let xml = Array("xml".utf8)

    static func parse(_ data: Data, named part: String, with delegate: some XMLPartDelegate) throws(XLSXError) {
        try requirePlainUTF8(data, part: part)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let finished = parser.parse()
        if let failure = delegate.failure { throw failure }
        // libxml2 recovers from errors under XMLParser and may still report success, with the broken element
        // silently dropped; any error it recorded fails the part instead.
        guard finished, parser.parserError == nil else {
            throw .malformed("\(part): XML is damaged near line \(parser.lineNumber)")
        }
    }

    /// Checks made before libxml2 sees a part, because Foundation's `XMLParser` on Linux runs it with entity
    /// substitution and error recovery on (`XML_PARSE_NOENT | XML_PARSE_RECOVER`), and force‑unwraps names it cannot
    /// decode as UTF‑8 (an element name with a stray byte crashes the process).
    /// - OOXML parts never carry a DTD, so any `<!DOCTYPE` or `<!ENTITY` is refused: no external entities, no
    ///   "billion laughs".
    /// - Only valid UTF‑8 is accepted (what Excel and LibreOffice write), so nothing undecodable reaches a callback
    ///   and the byte scan cannot be dodged by declaring another encoding.
    /// - No processing instructions besides the XML declaration: one without data (`<?pi?>`) makes `XMLParser`
    ///   dereference a null pointer, and parts never need one.
    static func requirePlainUTF8(_ data: Data, part: String) throws(XLSXError) {
        let problem: String? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard String(validating: bytes, as: UTF8.self) != nil else { return "is not valid UTF-8" }
            var start = 0
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            while start < bytes.count, whitespace.contains(bytes[start]) { start += 1 }
            guard start < bytes.count, bytes[start] == UInt8(ascii: "<") else { return "does not start with a tag" }
            if let declared = declaredEncoding(bytes[start...]), !["utf-8", "utf8"].contains(declared) {
                return "is in \(declared), not UTF-8"
            }
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0 { return "contains a NUL byte" }
                if byte == UInt8(ascii: "<"), index + 1 < bytes.count {
                    let rest = bytes[(index + 2)...]
                    switch bytes[index + 1] {
                    case UInt8(ascii: "!"):
                        if !rest.starts(with: commentStart), !rest.starts(with: cdataStart) {
                            return "declares a DTD or entities"
                        }
                    case UInt8(ascii: "?"):
                        let isDeclaration =
                            index == start && rest.starts(with: xml)
                            && rest.dropFirst(3).first.map(whitespace.contains) == true
                        if !isDeclaration { return "contains a processing instruction" }
                    default:
                        break
                    }
                }
                index += 1
            }
            return nil
        }
        if let problem { throw .malformed("\(part) \(problem)") }
    }

    /// The lowercased `encoding` of an `<?xml …?>` declaration at the start of `bytes`, if there is one.
    private static func declaredEncoding(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(256)
        guard let close = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<close], as: UTF8.self).lowercased()
        guard let key = declaration.range(of: "encoding") else { return nil }
        let value = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        return String(value.dropFirst().prefix { $0 != quote })
    }

    /// The name without its namespace prefix: some writers use `x:c` where Excel writes `c`.
    static func localName(_ qualified: String) -> Substring {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified[...] }
        return qualified[qualified.index(after: colon)...]
    }

    /// The value of the attribute whose local name is `name`, whatever its prefix (`r:id`, `id`).
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { localName($0.key) == name }?.value
    }
}
