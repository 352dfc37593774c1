import Foundation

/// Reads the cells of an uploaded `.xlsx` as text, the way a person sees them in the sheet.
///
/// Built for hostile uploads: the archive is read with bounds checks, at most ``maxFileSize`` bytes come in and at most
/// ``maxExpandedSize`` bytes are inflated in all, XML with a DTD is refused, and cell references are checked against
/// Excel's limits. Every failure is an ``XLSXError``.
public enum XLSXReader {
    /// The largest upload read, and the most all parts read may expand to.
    public static let maxFileSize = 50 * 1024 * 1024
    /// The most uncompressed bytes taken out of one file, all parts together.
    public static let maxExpandedSize = 50 * 1024 * 1024

    /// The first worksheet (or the named one) as rows of cell strings, with empty trailing cells trimmed and
    /// gaps (cells missing in sparse rows, e.g. `A1, C1`) filled with "". Dates stored as serial numbers in cells whose
    /// number format is a date format are returned as `dd/MM/yyyy`. Shared strings and inline strings both work,
    /// rich text runs are concatenated, numbers that are integers print without ".0" (phone numbers and 12‑digit IDs
    /// typed as numbers must come out exactly, e.g. 1321000001 → "1321000001", not "1.321E9").
    ///
    /// Row `i` of the result is row `i + 1` of the sheet, so messages can name the row a person sees; empty rows in
    /// between are `[]` and empty rows at the end are dropped. Text is NFC. Booleans read `TRUE`/`FALSE`, formulas their
    /// cached result. Formats that pad whole numbers (`0000000000`, `"0"#########`, used to show a phone number's
    /// leading zero) are applied; other number formats (percent, decimal places, thousands) are not.
    ///
    /// - Parameters:
    ///   - sheet: a sheet name, compared ignoring case as Excel does; nil for the first worksheet in tab order.
    ///   - fillingMerged: whether every cell of a merged area reads its top-left value (as a person reads the sheet).
    public static func rows(_ bytes: [UInt8], sheet: String? = nil, fillingMerged: Bool = false) throws(XLSXError) -> [[String]] {
        var package = try OpenedWorkbook(bytes)
        let chosen: (name: String, path: String)?
        if let sheet {
            let wanted = OOXMLText.nfc(sheet).lowercased()
            chosen = package.worksheets.first { $0.name.lowercased() == wanted }
        } else {
            chosen = package.worksheets.first
        }
        guard let chosen else { throw .sheetNotFound(sheet ?? "") }

        let sharedStrings = SharedStringsParser()
        try package.parse(kind: "sharedStrings", default: "xl/sharedStrings.xml", with: sharedStrings)
        let styles = StylesParser()
        try package.parse(kind: "styles", default: "xl/styles.xml", with: styles)
        guard let sheetData = try package.archive.read(chosen.path, budget: &package.budget) else {
            throw .malformed("\(chosen.path) is missing")
        }
        let parser = WorksheetParser(
            sharedStrings: sharedStrings.strings, formats: styles.cellFormats, date1904: package.date1904
        )
        try XMLPart.parse(sheetData, named: chosen.path, with: parser)
        return parser.result(fillingMerged: fillingMerged)
    }

    /// The names of the worksheets in tab order, for letting a person pick one.
    public static func sheetNames(_ bytes: [UInt8]) throws(XLSXError) -> [String] {
        try OpenedWorkbook(bytes).worksheets.map(\.name)
    }
}

/// An archive whose workbook part, sheet list and workbook relationships have been read.
private struct OpenedWorkbook {
    let archive: ZipArchiveReader
    var budget = ExtractionBudget(remaining: XLSXReader.maxExpandedSize)
    let workbookPath: String
    let date1904: Bool
    let relationships: RelationshipsParser
    /// Worksheets in tab order; chart sheets and dialog sheets have no cells and are left out.
    let worksheets: [(name: String, path: String)]

    init(_ bytes: [UInt8]) throws(XLSXError) {
        guard bytes.count <= XLSXReader.maxFileSize else { throw .tooLarge }
        archive = try ZipArchiveReader(bytes)
        workbookPath = try Self.officeDocumentPath(archive, budget: &budget)
        guard let data = try archive.read(workbookPath, budget: &budget) else { throw .missingWorkbook }
        let workbook = WorkbookParser()
        try XMLPart.parse(data, named: workbookPath, with: workbook)
        date1904 = workbook.date1904
        relationships = try Self.relationships(of: workbookPath, in: archive, budget: &budget)
        let (relationships, workbookPath) = (relationships, workbookPath)
        worksheets = workbook.sheets.compactMap { sheet in
            guard let link = relationships.relationships.first(where: { $0.id == sheet.relationshipID }),
                link.type.hasSuffix("/worksheet")
            else { return nil }
            return (sheet.name, Self.resolve(link.target, from: workbookPath))
        }
    }

    /// Parses the workbook's part of `kind` (from its relationships, or at `fallback` in files without any), if present.
    mutating func parse(kind: String, default fallback: String, with delegate: some XMLPartDelegate) throws(XLSXError) {
        let path: String
        if let link = relationships.first(ofKind: kind) {
            path = Self.resolve(link.target, from: workbookPath)
        } else if relationships.relationships.isEmpty {
            path = fallback
        } else {
            return
        }
        guard let data = try archive.read(path, budget: &budget) else { return }
        try XMLPart.parse(data, named: path, with: delegate)
    }

    /// Where the package's main part is, from `_rels/.rels`; files without one fall back to Excel's usual place.
    private static func officeDocumentPath(
        _ archive: ZipArchiveReader, budget: inout ExtractionBudget
    ) throws(XLSXError) -> String {
        guard let data = try archive.read("_rels/.rels", budget: &budget) else {
            guard archive.entries["xl/workbook.xml"] != nil else { throw .missingWorkbook }
            return "xl/workbook.xml"
        }
        let rels = RelationshipsParser()
        try XMLPart.parse(data, named: "_rels/.rels", with: rels)
        guard let main = rels.first(ofKind: "officeDocument") else { throw .missingWorkbook }
        return resolve(main.target, from: "")
    }

    private static func relationships(
        of part: String, in archive: ZipArchiveReader, budget: inout ExtractionBudget
    ) throws(XLSXError) -> RelationshipsParser {
        let directory = part.split(separator: "/").dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? part
        let path = (directory.isEmpty ? "" : directory + "/") + "_rels/" + name + ".rels"
        let rels = RelationshipsParser()
        if let data = try archive.read(path, budget: &budget) {
            try XMLPart.parse(data, named: path, with: rels)
        }
        return rels
    }

    /// A relationship target as a path in the archive: absolute (`/xl/…`) from the root, otherwise relative to the
    /// folder of the part that points to it, with `..` resolved.
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : source.split(separator: "/").dropLast()
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }
}
