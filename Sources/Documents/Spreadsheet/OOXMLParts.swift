/// The XML parts of a workbook written by ``XLSXWriter``: the smallest set Excel opens without a repair prompt.
enum OOXMLParts {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Indexes into `cellXfs` of ``styles``.
    enum Style: Int {
        case plain = 0
        case header = 1
        case date = 2
        case integer = 3
    }

    static func contentTypes(sheetCount: Int) -> String {
        var xml = declaration
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml +=
            #"<Override PartName="/xl/workbook.xml" "#
            + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        xml +=
            #"<Override PartName="/xl/styles.xml" "#
            + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for number in 1...sheetCount {
            xml +=
                #"<Override PartName="/xl/worksheets/sheet\#(number).xml" "#
                + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    static let packageRelationships =
        declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbook(sheetNames: [String]) -> String {
        var xml = declaration + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in sheetNames.enumerated() {
            xml += #"<sheet name="\#(OOXMLText.escapedAttribute(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    /// Sheets are `rId1…rIdN`, so the styles part takes the id after them.
    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for number in 1...sheetCount {
            xml +=
                #"<Relationship Id="rId\#(number)" Type="\#(relationshipNamespace)/worksheet" "#
                + #"Target="worksheets/sheet\#(number).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relationshipNamespace)/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    /// Fonts: regular and bold. Cell formats, in ``Style`` order: plain, bold header, `dd/mm/yyyy` date (custom format
    /// 164, the first id free for custom formats) and whole number (built‑in `0`).
    static let styles =
        declaration + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#
        + #"<fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    /// One worksheet; children follow the order CT_Worksheet prescribes, which Excel enforces.
    static func worksheet(_ sheet: XLSXWriter.Sheet, selected: Bool) -> String {
        let hasHeader = !sheet.header.isEmpty
        let columnCount = max(sheet.header.count, sheet.rows.lazy.map(\.count).max() ?? 0)
        let rowCount = sheet.rows.count + (hasHeader ? 1 : 0)
        let letters = (0..<max(columnCount, 1)).map(columnName)

        var xml = declaration + #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        xml.reserveCapacity(rowCount * max(columnCount, 1) * 40 + 1024)
        let lastCell = "\(letters[letters.count - 1])\(max(rowCount, 1))"
        xml += #"<dimension ref="A1:\#(lastCell)"/>"#
        xml += #"<sheetViews><sheetView workbookViewId="0"\#(selected ? #" tabSelected="1""# : "")>"#
        if hasHeader {
            xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            xml += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        xml += #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>"
            for (index, width) in sheet.columnWidths.enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        var rowNumber = 0
        if hasHeader {
            rowNumber += 1
            appendRow(sheet.header.map(XLSXCell.text), number: rowNumber, style: .header, letters: letters, to: &xml)
        }
        for row in sheet.rows {
            rowNumber += 1
            appendRow(row, number: rowNumber, style: nil, letters: letters, to: &xml)
        }
        xml += "</sheetData>"
        if !sheet.merges.isEmpty {
            xml += #"<mergeCells count="\#(sheet.merges.count)">"#
            for area in sheet.merges { xml += #"<mergeCell ref="\#(OOXMLText.escapedAttribute(area))"/>"# }
            xml += "</mergeCells>"
        }
        return xml + "</worksheet>"
    }

    private static func appendRow(
        _ cells: [XLSXCell], number: Int, style forced: Style?, letters: [String], to xml: inout String
    ) {
        xml += #"<row r="\#(number)">"#
        for (index, cell) in cells.enumerated() {
            let reference = "\(letters[index])\(number)"
            switch cell {
            case .empty:
                continue
            case .text(let text):
                let preserve = OOXMLText.needsPreserve(text) ? #" xml:space="preserve""# : ""
                xml +=
                    #"<c r="\#(reference)"\#(styleAttribute(forced))"#
                    + #" t="inlineStr"><is><t\#(preserve)>\#(OOXMLText.escaped(text))</t></is></c>"#
            case .number(let number):
                guard number.isFinite else { continue }  // NaN and infinity have no cell value
                xml += #"<c r="\#(reference)"\#(styleAttribute(forced))><v>\#(ExcelNumber.xmlValue(number))</v></c>"#
            case .integer(let integer):
                xml += #"<c r="\#(reference)"\#(styleAttribute(forced ?? .integer))><v>\#(integer)</v></c>"#
            case .date(let year, let month, let day):
                if let serial = ExcelDate.serial(year: year, month: month, day: day) {
                    xml += #"<c r="\#(reference)"\#(styleAttribute(forced ?? .date))><v>\#(serial)</v></c>"#
                } else {
                    let text = ExcelDate.text(year: year, month: month, day: day)
                    xml += #"<c r="\#(reference)"\#(styleAttribute(forced)) t="inlineStr"><is><t>\#(text)</t></is></c>"#
                }
            }
        }
        xml += "</row>"
    }

    private static func styleAttribute(_ style: Style?) -> String {
        guard let style, style != .plain else { return "" }
        return #" s="\#(style.rawValue)""#
    }

    /// `A`, `B`, … `Z`, `AA`, … for a 0‑based column.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var remaining = index + 1
        while remaining > 0 {
            let letter = (remaining - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + letter))) + name
            remaining = (remaining - 1) / 26
        }
        return name
    }
}
