import Foundation

/// PDF/A-2b identification of a PDF as Cairo writes it (fonts embedded and subset, no encryption): an incremental
/// update adds the XMP metadata (`pdfaid:part` 2, `conformance` B, and the document information mirrored), an sRGB
/// output intent, and a file identifier when the trailer has none. The original bytes are kept as they are, so the
/// file still opens as before and later signatures append after it.
public enum PDFArchival {
    /// The PDF with the PDF/A-2b identification added.
    public static func identify(_ pdf: [UInt8]) throws(PDFError) -> [UInt8] {
        let file = try PDFFile(pdf)
        let info = file.info
        var objects: [(Int, [UInt8])] = []
        let metadataNumber = file.size
        let profileNumber = file.size + 1
        let intentNumber = file.size + 2
        let xmp = Array(xmpPacket(info).utf8)
        objects.append(
            (
                metadataNumber,
                Array("<< /Type /Metadata /Subtype /XML /Length \(xmp.count) >>\nstream\n".utf8) + xmp + Array("\nendstream".utf8)
            ))
        let icc = ICCProfile.srgb
        objects.append((profileNumber, Array("<< /N 3 /Length \(icc.count) >>\nstream\n".utf8) + icc + Array("\nendstream".utf8)))
        let name = ICCProfile.srgbName
        objects.append(
            (
                intentNumber,
                Array(
                    "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (\(name)) /Info (\(name)) /DestOutputProfile \(profileNumber) 0 R >>"
                        .utf8)
            ))
        var catalog = try file.catalog
        for key in ["/Metadata", "/OutputIntents"] where catalog.contains(key) {
            throw PDFError.unreadable("the catalog already has \(key)")
        }
        catalog = catalog.replacingLastDictionaryEnd(with: " /Metadata \(metadataNumber) 0 R /OutputIntents [\(intentNumber) 0 R] >>")
        objects.append((file.root, Array(catalog.utf8)))
        let id =
            file.trailerID
            ?? {
                let hex = PDFFile.hex(Array(Fingerprint.digest(pdf).prefix(16)))
                return "[<\(hex)> <\(hex)>]"
            }()
        var extra = "/ID \(id)"
        if let infoRef = file.infoReference { extra += " /Info \(infoRef)" }
        return PDFFile.append(objects, to: pdf, size: file.size + 3, root: file.root, previous: file.startXref, trailerExtra: extra)
    }

    static func xmpPacket(_ info: [String: String]) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        var fields = ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
        if let title = info["Title"] {
            fields.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escape(title))</rdf:li></rdf:Alt></dc:title>")
        }
        if let author = info["Author"] { fields.append("<dc:creator><rdf:Seq><rdf:li>\(escape(author))</rdf:li></rdf:Seq></dc:creator>") }
        if let subject = info["Subject"] {
            fields.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escape(subject))</rdf:li></rdf:Alt></dc:description>")
        }
        if let creator = info["Creator"] { fields.append("<xmp:CreatorTool>\(escape(creator))</xmp:CreatorTool>") }
        if let created = info["CreationDate"].flatMap(xmpDate) { fields.append("<xmp:CreateDate>\(created)</xmp:CreateDate>") }
        if let modified = info["ModDate"].flatMap(xmpDate) { fields.append("<xmp:ModifyDate>\(modified)</xmp:ModifyDate>") }
        if let producer = info["Producer"] { fields.append("<pdf:Producer>\(escape(producer))</pdf:Producer>") }
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" \
            xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            \(fields.joined(separator: "\n"))
            </rdf:Description></rdf:RDF></x:xmpmeta>
            <?xpacket end="w"?>
            """
    }

    /// "D:20261204213000Z" or "D:20261204213000+07'00'" as XMP's "2026-12-04T21:30:00Z" / "…+07:00".
    static func xmpDate(_ pdfDate: String) -> String? {
        var text = Substring(pdfDate)
        if text.hasPrefix("D:") { text = text.dropFirst(2) }
        let digits = text.prefix { $0.isNumber }
        guard digits.count >= 14 else { return nil }
        let d = Array(digits)
        let date =
            "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))T\(String(d[8..<10])):\(String(d[10..<12])):\(String(d[12..<14]))"
        let zone = text.dropFirst(digits.count)
        if zone.isEmpty || zone.hasPrefix("Z") { return date + "Z" }
        let parts = zone.dropFirst().split(separator: "'")
        guard let sign = zone.first, let hours = parts.first else { return date + "Z" }
        return date + "\(sign)\(hours):\(parts.count > 1 ? parts[1] : "00")"
    }
}

extension String {
    /// The text with its last ">>" replaced by `replacement`.
    func replacingLastDictionaryEnd(with replacement: String) -> String {
        guard let range = range(of: ">>", options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
