import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The relationships of a part (`_rels/*.rels`): what it points to, by id and by type.
final class RelationshipsParser: NSObject, XMLPartDelegate {
    struct Relationship {
        let id: String
        let type: String
        let target: String
        let external: Bool
    }

    private(set) var relationships: [Relationship] = []
    private(set) var failure: XLSXError?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard XMLPart.localName(elementName) == "Relationship",
            let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"]
        else { return }
        relationships.append(
            Relationship(id: id, type: type, target: target, external: attributes["TargetMode"] == "External")
        )
    }

    /// The first relationship whose type ends with `/kind` (transitional and strict OOXML differ only in the prefix).
    func first(ofKind kind: String) -> Relationship? {
        relationships.first { $0.type.hasSuffix("/" + kind) && !$0.external }
    }
}

/// `xl/workbook.xml`: the sheets in tab order and the date system.
final class WorkbookParser: NSObject, XMLPartDelegate {
    struct Sheet {
        let name: String
        let relationshipID: String
    }

    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false
    private(set) var failure: XLSXError?
    private var sawRoot = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = XMLPart.localName(elementName)
        if !sawRoot {
            sawRoot = true
            // The office document of a .docx or .pptx is some other root; stop at once instead of reading it all.
            if name != "workbook" {
                failure = .missingWorkbook
                parser.abortParsing()
            }
            return
        }
        switch name {
        case "workbookPr":
            let value = attributes["date1904"]
            date1904 = value == "1" || value == "true"
        case "sheet":
            if let sheetName = attributes["name"], let id = XMLPart.attribute("id", in: attributes) {
                sheets.append(Sheet(name: OOXMLText.decoded(sheetName), relationshipID: id))
            }
        default:
            break
        }
    }
}

/// `xl/styles.xml`: which cell style indexes (`s="…"`) show a date or a zero‑padded whole number.
final class StylesParser: NSObject, XMLPartDelegate {
    private var formatCodes: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellXfs = false
    private(set) var failure: XLSXError?

    /// The number formats that change what a cell shows, by index into `cellXfs`.
    var cellFormats: CellFormats {
        var formats = CellFormats()
        for (index, id) in cellFormatIDs.enumerated() {
            if ExcelDate.isDateFormat(id: id, code: formatCodes[id]) {
                formats.dates.insert(index)
            } else if let code = formatCodes[id], let padded = PaddedInteger(formatCode: code) {
                formats.paddedIntegers[index] = padded
            }
        }
        return formats
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch XMLPart.localName(elementName) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                formatCodes[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            cellFormatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if XMLPart.localName(elementName) == "cellXfs" { inCellXfs = false }
    }
}

/// `xl/sharedStrings.xml`: the string table that `t="s"` cells index, rich‑text runs joined and phonetic runs
/// (`rPh`, furigana) left out as Excel shows them.
final class SharedStringsParser: NSObject, XMLPartDelegate {
    private(set) var strings: [String] = []
    private(set) var failure: XLSXError?
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch XMLPart.localName(elementName) {
        case "si":
            inItem = true
            current = ""
        case "t": inText = inItem && phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch XMLPart.localName(elementName) {
        case "si":
            inItem = false
            strings.append(OOXMLText.decoded(current))
        case "t": inText = false
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}
