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
    /// Merged areas as (first row, first column, last row, last column), 1-based rows and 0-based columns.
    private var merges: [(Int, Int, Int, Int)] = []

    init(sharedStrings: [String], formats: CellFormats, date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.date1904 = date1904
    }

    /// Rows from row 1 to the last non‑empty row; a missing or blank row is `[]`, so index + 1 is Excel's row number.
    /// With `fillingMerged`, every cell of a merged area reads the value of its top-left cell, as a person sees it (a
    /// class name merged down the rows of its pupils, a header merged across two columns).
    func result(fillingMerged: Bool = false) -> [[String]] {
        guard let last = rows.map(\.number).max() else { return [] }
        var output = [[String]](repeating: [], count: last)
        for entry in rows { output[entry.number - 1] = entry.cells }
        guard fillingMerged else { return output }
        var filled = 0
        for (top, left, bottom, right) in merges where top <= last {
            let value = output[top - 1].indices.contains(left) ? output[top - 1][left] : ""
            guard !value.isEmpty else { continue }
            for number in top...min(bottom, last) {
                for column in left...right {
                    filled += 1
                    guard filled <= Self.maxCells else { return output }
                    if output[number - 1].count <= column {
                        output[number - 1].append(contentsOf: repeatElement("", count: column + 1 - output[number - 1].count))
                    }
                    if output[number - 1][column].isEmpty { output[number - 1][column] = value }
                }
            }
        }
        return output
    }

    /// A merged area's reference (`A3:A12`) as its corners, or nil when it is not one inside Excel's limits.
    static func area(_ reference: String) -> (Int, Int, Int, Int)? {
        let corners = reference.split(separator: ":").map(String.init)
        guard corners.count == 2, let left = columnIndex(corners[0]), let right = columnIndex(corners[1]),
            let top = Int(corners[0].drop { $0.isLetter }), let bottom = Int(corners[1].drop { $0.isLetter }),
            top >= 1, top <= bottom, bottom <= maxRow, left <= right, right < maxColumn
        else { return nil }
        return (top, left, bottom, right)
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
        case "mergeCell":
            if let ref = attributes["ref"], let area = Self.area(ref), merges.count < 10_000 { merges.append(area) }
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
