import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A worksheet's `sheetData` as rows of display strings, kept sparse while parsing so that a hostile reference like
/// `XFD1048576` costs nothing until it is checked against the cell limit.
final class WorksheetParser: NSObject, XMLPartDelegate {
    /// Excel's own limits; references beyond them are damage or an attack.
    static let maxRow = 1_048_576
    static let maxColumn = 16_384
    /// Cells in the result, gaps included: far above any school list (100,000 rows × 20 columns), far below memory.
    static let maxCells = 2_000_000

    private let sharedStrings: [String]
    private let formats: CellFormats
    private let date1904: Bool
    private(set) var failure: XLSXError?

    /// Non‑empty rows by 1‑based row number.
    private var rows: [(number: Int, cells: [String])] = []
    private var cellsSoFar = 0
    private var rowNumber = 0
    private var row: [String] = []
    private var column = -1
    private var cellType: String?
    private var cellStyle = 0
    private var value = ""
    private var text = ""
    private var inCell = false
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var phoneticDepth = 0

    init(sharedStrings: [String], formats: CellFormats, date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.date1904 = date1904
    }

    /// Rows from row 1 to the last non‑empty row; a missing or blank row is `[]`, so index + 1 is Excel's row number.
    func result() -> [[String]] {
        guard let last = rows.map(\.number).max() else { return [] }
        var output = [[String]](repeating: [], count: last)
        for entry in rows { output[entry.number - 1] = entry.cells }
        return output
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch XMLPart.localName(elementName) {
        case "row":
            let number = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            guard number > rowNumber, number <= Self.maxRow else {
                return stop(parser, .malformed("row \(number) is out of order or out of range"))
            }
            rowNumber = number
            row = []
            column = -1
        case "c":
            let reference = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
            guard (0..<Self.maxColumn).contains(reference) else {
                return stop(parser, .malformed("row \(rowNumber): cell reference out of range"))
            }
            column = reference
            inCell = true
            cellType = attributes["t"]
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            text = ""
        case "v": inValue = true
        case "is": inInline = true
        case "t": inText = inInline && phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch XMLPart.localName(elementName) {
        case "v": inValue = false
        case "is": inInline = false
        case "t": inText = false
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        case "c":
            // libxml2 runs in recovery mode, so an end tag can come without its start tag.
            guard inCell else { return }
            inCell = false
            do throws(XLSXError) {
                try place(try cellText(), at: column)
            } catch {
                stop(parser, error)
            }
        case "row":
            while row.last == "" { row.removeLast() }
            if !row.isEmpty { rows.append((rowNumber, row)) }
            row = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue {
            value += string
        } else if inText {
            text += string
        }
    }

    private func stop(_ parser: XMLParser, _ error: XLSXError) {
        guard failure == nil else { return }
        failure = error
        parser.abortParsing()
    }

    private func place(_ cell: String, at index: Int) throws(XLSXError) {
        guard !cell.isEmpty, index >= 0 else { return }
        if index < row.count {
            row[index] = cell
            return
        }
        cellsSoFar += index + 1 - row.count
        guard cellsSoFar <= Self.maxCells else { throw .tooLarge }
        row.append(contentsOf: repeatElement("", count: index - row.count))
        row.append(cell)
    }

    /// What the cell shows, from its type (`t`), stored value and style.
    private func cellText() throws(XLSXError) -> String {
        switch cellType {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index)
            else { throw .malformed("row \(rowNumber): shared string \(value) does not exist") }
            return sharedStrings[index]
        case "inlineStr": return OOXMLText.decoded(text)
        case "str", "e": return OOXMLText.decoded(value)
        case "b": return value == "1" || value == "true" ? "TRUE" : "FALSE"
        case "d": return ExcelDate.text(iso: value) ?? value
        default:
            guard !value.isEmpty else { return "" }
            if formats.dates.contains(cellStyle), let serial = Double(value),
                let date = ExcelDate.text(serial: serial, date1904: date1904)
            {
                return date
            }
            if let padded = formats.paddedIntegers[cellStyle], let text = padded.text(value) { return text }
            return ExcelNumber.text(value)
        }
    }

    /// The 0‑based column of a reference like `AB12`, or nil if it has no letters.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            let upper = byte & 0xDF
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            index = index * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return Self.maxColumn }
        }
        return letters == 0 ? nil : index - 1
    }
}
