import Foundation

/// PAdES signatures: each one an incremental update of the PDF — an invisible signature field on the first page, the
/// form's field list, and a signature dictionary (`ETSI.CAdES.detached`) whose /Contents holds a detached CMS
/// SignedData over every byte of the file but the /Contents itself. Earlier revisions and their signatures are kept
/// byte for byte, so they stay valid.
public enum PDFSignature {
    /// Room for the CMS in /Contents (hex digits: 12,000 bytes of DER, a certificate chain of three included).
    static let contentsHexLength = 24_000

    /// A PDF with one more revision holding an empty signature: its byte range set, its /Contents to fill.
    struct Prepared {
        var bytes: [UInt8]
        let contentsStart: Int
        let contentsEnd: Int

        /// Every byte but the /Contents: what the signature covers.
        var signedContent: [UInt8] { Array(bytes[0..<contentsStart]) + Array(bytes[contentsEnd...]) }

        /// The PDF with `cms` in its /Contents.
        func completed(with cms: [UInt8]) throws(SigningError) -> [UInt8] {
            let hex = Array(PDFFile.hex(cms).utf8)
            guard hex.count <= PDFSignature.contentsHexLength else {
                throw .pdf("the signature (\(cms.count) bytes) does not fit its placeholder")
            }
            var out = bytes
            out.replaceSubrange((contentsStart + 1)..<(contentsStart + 1 + hex.count), with: hex)
            return out
        }
    }

    /// `pdf` with one more signature by `identity`, dated `date`.
    public static func sign(
        _ pdf: [UInt8], with identity: SigningIdentity, reason: String, location: String, at date: Date
    ) throws(SigningError) -> [UInt8] {
        let certificates = [identity.certificateDER] + identity.chain.map(SigningIdentity.der)
        let prepared = try prepare(pdf, name: identity.commonName, reason: reason, location: location, at: date)
        let attributes = CMSBuilder.signedAttributes(contentDigest: CMSBuilder.sha256(prepared.signedContent), certificate: certificates[0])
        let signature = try identity.rawSignature(attributes)
        return try prepared.completed(with: CMSBuilder.signedData(attributes: attributes, signature: signature, certificates: certificates))
    }

    /// Each of `pdfs` with one more signature by `signer`, whose holder approves them all at once (a class's học
    /// bạ in one step, whether the key is a PKCS#12 here or with a remote signing service).
    public static func sign(
        _ pdfs: [[UInt8]], with signer: any DocumentSigner, reason: String, location: String, at date: Date, purpose: String
    ) async throws -> [[UInt8]] {
        let certificates = try await signer.certificates()
        guard let certificate = certificates.first else { throw SigningError.incomplete }
        let name = SigningIdentity.commonName(ofCertificate: certificate)
        var prepared: [Prepared] = []
        var attributes: [[UInt8]] = []
        for pdf in pdfs {
            let one = try prepare(pdf, name: name, reason: reason, location: location, at: date)
            prepared.append(one)
            attributes.append(CMSBuilder.signedAttributes(contentDigest: CMSBuilder.sha256(one.signedContent), certificate: certificate))
        }
        let signatures = try await signer.sign(
            attributes.map { SigningRequest(message: $0, sha256: CMSBuilder.sha256($0)) }, purpose: purpose)
        guard signatures.count == pdfs.count else {
            throw SigningError.pdf("the signer returned \(signatures.count) of \(pdfs.count) signatures")
        }
        return try zip(prepared, zip(attributes, signatures)).map { one, signed in
            try one.completed(with: CMSBuilder.signedData(attributes: signed.0, signature: signed.1, certificates: certificates))
        }
    }

    /// `pdf` with a new revision holding an empty signature dictionary in `name`'s name.
    static func prepare(_ pdf: [UInt8], name: String, reason: String, location: String, at date: Date) throws(SigningError) -> Prepared {
        let file: PDFFile
        do { file = try PDFFile(pdf) } catch { throw .pdf("\(error)") }
        let (catalog, page, pageText, acroForm, fields) = try structure(file)
        let signature = file.size
        let widget = file.size + 1
        var size = file.size + 2
        let form = acroForm ?? size
        if acroForm == nil { size += 1 }
        let count = fields.count + 1
        let placeholder = String(repeating: "0", count: contentsHexLength)
        let zero = "0000000000"
        let dictionary =
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 \(zero) \(zero) \(zero)] "
            + "/Contents <\(placeholder)> /M \(pdfDate(date)) /Name \(textString(name)) /Reason \(textString(reason)) "
            + "/Location \(textString(location)) >>"
        var objects: [(Int, [UInt8])] = [
            (signature, Array(dictionary.utf8)),
            (
                widget,
                Array(
                    "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature\(count)) /V \(signature) 0 R /Rect [0 0 0 0] /F 132 /P \(page) 0 R >>"
                        .utf8)
            ),
            (page, Array(withAnnotation(pageText, widget).utf8)),
            (form, Array("<< /Fields [\((fields + ["\(widget) 0 R"]).joined(separator: " "))] /SigFlags 3 >>".utf8)),
        ]
        if acroForm == nil {
            objects.append((file.root, Array(catalog.replacingLastDictionaryEnd(with: " /AcroForm \(form) 0 R >>").utf8)))
        }
        let extra = (file.trailerID.map { "/ID \($0)" } ?? "") + (file.infoReference.map { " /Info \($0)" } ?? "")
        var out = PDFFile.append(objects, to: pdf, size: size, root: file.root, previous: file.startXref, trailerExtra: extra)
        // Find the placeholder in the new revision and fill in the byte range.
        let marker = Array("/Contents <".utf8)
        guard let start = out.lastIndex(of: marker, after: pdf.count) else { throw .pdf("no /Contents placeholder") }
        let contentsStart = start + marker.count - 1
        let contentsEnd = contentsStart + contentsHexLength + 2
        // Fixed-width numbers: the filled-in range has the placeholder's length, so no offset moves.
        let range = [contentsStart, contentsEnd, out.count - contentsEnd].map { String(format: "%010d", $0) }
        let rangeMarker = Array("/ByteRange [0 \(zero) \(zero) \(zero)]".utf8)
        guard let rangeAt = out.lastIndex(of: rangeMarker, after: pdf.count) else { throw .pdf("no /ByteRange placeholder") }
        out.replaceSubrange(rangeAt..<(rangeAt + rangeMarker.count), with: Array("/ByteRange [0 \(range.joined(separator: " "))]".utf8))
        return Prepared(bytes: out, contentsStart: contentsStart, contentsEnd: contentsEnd)
    }

    /// The catalog, the first page's number and text, the form's object number and its fields, if any.
    static func structure(_ file: PDFFile) throws(SigningError) -> (String, Int, String, Int?, [String]) {
        do {
            let catalog = try file.catalog
            guard let pages = PDFFile.reference(catalog, "/Pages").flatMap({ Int($0) }) else { throw SigningError.pdf("no /Pages") }
            let tree = try file.object(pages)
            guard let kids = tree.range(of: "/Kids"),
                let first = tree[kids.upperBound...].split(whereSeparator: { "[ \n\r".contains($0) }).first,
                let page = Int(first)
            else { throw SigningError.pdf("no first page") }
            let acroForm = PDFFile.reference(catalog, "/AcroForm").flatMap { Int($0) }
            var fields: [String] = []
            if let acroForm {
                let text = try file.object(acroForm)
                if let open = text.range(of: "/Fields ["), let close = text[open.upperBound...].firstIndex(of: "]") {
                    let items = text[open.upperBound..<close].split(separator: " ").map(String.init)
                    fields = stride(from: 0, to: items.count - 2, by: 3).map { "\(items[$0]) \(items[$0 + 1]) \(items[$0 + 2])" }
                }
            }
            return (catalog, page, try file.object(page), acroForm, fields)
        } catch let error as SigningError {
            throw error
        } catch {
            throw .pdf("\(error)")
        }
    }

    /// The page dictionary with `widget` added to its /Annots.
    static func withAnnotation(_ page: String, _ widget: Int) -> String {
        if let annots = page.range(of: "/Annots ["), page[annots.upperBound...].contains("]") {
            return page.replacingCharacters(in: annots, with: "/Annots [\(widget) 0 R ")
        }
        return page.replacingLastDictionaryEnd(with: " /Annots [\(widget) 0 R] >>")
    }

    /// A PDF text string: UTF-16BE with a byte order mark, in hex.
    static func textString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// "(D:20261204213000Z)".
    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "(D:%04d%02d%02d%02d%02d%02dZ)", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }
}

extension Array where Element == UInt8 {
    /// The last index at or after `start` where `needle` begins.
    func lastIndex(of needle: [UInt8], after start: Int) -> Int? {
        guard needle.count <= count else { return nil }
        var index = count - needle.count
        while index >= start {
            if self[index] == needle[0] && Array(self[index..<(index + needle.count)]) == needle { return index }
            index -= 1
        }
        return nil
    }
}
