import Foundation

/// Writes lists as an `.xlsx` workbook that Excel and LibreOffice open: one sheet per call to
/// ``addSheet(name:header:rows:columnWidths:)``, each with a bold header row that stays in view when scrolling, set
/// column widths, and typed cells (text, numbers, dates with the `dd/mm/yyyy` format).
public struct XLSXWriter: Sendable {
    struct Sheet: Sendable {
        let name: String
        let header: [String]
        let rows: [[XLSXCell]]
        let columnWidths: [Double]
        var merges: [String] = []
    }

    private(set) var sheets: [Sheet] = []

    /// An empty workbook; a workbook written without sheets gets one empty sheet, since a workbook needs one.
    public init() {}

    /// Adds a sheet after the ones already added.
    ///
    /// - Parameters:
    ///   - name: the tab name. Characters Excel refuses (`[]:*?/\`) become `-`, it is cut to 31 characters, and a name
    ///     already used (ignoring case) gets a number, so any text can be passed.
    ///   - header: the first row, bold and frozen; pass `[]` for a sheet without one.
    ///   - rows: the rows below the header.
    ///   - columnWidths: widths in characters, by column; nil, or a missing entry, sizes the column to its content.
    ///   - merges: areas shown as one cell, such as `A1:F1` for a title across the table (the value is the top-left
    ///     cell's).
    public mutating func addSheet(
        name: String, header: [String], rows: [[XLSXCell]], columnWidths: [Double]? = nil, merges: [String] = []
    ) {
        let columns = max(header.count, rows.lazy.map(\.count).max() ?? 0)
        let widths = (0..<columns).map { column in
            columnWidths.flatMap { $0.indices.contains(column) ? $0[column] : nil }
                ?? Self.fittingWidth(column: column, header: header, rows: rows)
        }
        sheets.append(
            Sheet(name: uniqueName(Self.sheetName(name)), header: header, rows: rows, columnWidths: widths, merges: merges))
    }

    /// The workbook as the bytes of an `.xlsx` file.
    public func data() throws -> [UInt8] {
        let sheets = self.sheets.isEmpty ? [Sheet(name: "Sheet1", header: [], rows: [], columnWidths: [])] : self.sheets
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", OOXMLParts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", OOXMLParts.packageRelationships),
            ("xl/workbook.xml", OOXMLParts.workbook(sheetNames: sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", OOXMLParts.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", OOXMLParts.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", OOXMLParts.worksheet(sheet, selected: index == 0)))
        }

        // A fixed timestamp makes the same content give the same bytes, which keeps downloads cacheable and diffable.
        return try ZipBundle.make(parts.map { ($0.path, Array($0.xml.utf8)) })
    }

    /// `name` made acceptable to Excel: no `[]:*?/\`, no apostrophe at either end, 1–31 characters.
    static func sheetName(_ name: String) -> String {
        var cleaned = String(OOXMLText.nfc(name).map { "[]:*?/\\".contains($0) ? "-" : $0 })
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespacesAndNewlines))
        cleaned = String(cleaned.unicodeScalars.filter { $0.value >= 0x20 })
        if cleaned.isEmpty { cleaned = "Sheet" }
        return truncated(cleaned, to: 31)
    }

    /// Excel counts UTF‑16 units; cutting by characters keeps a letter and its accents together.
    private static func truncated(_ text: String, to limit: Int) -> String {
        var result = ""
        for character in text {
            guard result.utf16.count + character.utf16.count <= limit else { break }
            result.append(character)
        }
        return result
    }

    /// Excel refuses two tabs whose names differ only in case.
    private func uniqueName(_ name: String) -> String {
        let taken = Set(sheets.map { $0.name.lowercased() })
        guard taken.contains(name.lowercased()) else { return name }
        var number = 2
        while true {
            let suffix = " (\(number))"
            let candidate = Self.truncated(name, to: 31 - suffix.count) + suffix
            if !taken.contains(candidate.lowercased()) { return candidate }
            number += 1
        }
    }

    /// A width in characters that fits the header and the first rows of a column, within sensible bounds.
    private static func fittingWidth(column: Int, header: [String], rows: [[XLSXCell]]) -> Double {
        var widest = header.indices.contains(column) ? header[column].count : 0
        for row in rows.prefix(1000) where row.indices.contains(column) {
            let length: Int
            switch row[column] {
            case .text(let text): length = text.split(separator: "\n").map(\.count).max() ?? 0
            case .number(let number): length = ExcelNumber.xmlValue(number).count
            case .integer(let integer): length = String(integer).count
            case .date: length = 10
            case .empty: length = 0
            }
            widest = max(widest, length)
        }
        return Double(min(max(widest + 2, 8), 60))
    }
}
