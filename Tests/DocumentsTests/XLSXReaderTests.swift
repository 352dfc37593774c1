import Documents
import Foundation
import Testing

@Suite struct XLSXReaderTests {
    /// `Fixtures/danh-sach.xlsx` was made once from `Fixtures/danh-sach.csv` by LibreOffice 7.4 (Debian
    /// `libreoffice-calc-nogui`): `soffice --headless --infilter="CSV:44,34,76,1,1/1/2/2/3/4/4/1/5/1/6/1/7/2,1033"
    /// --convert-to xlsx danh-sach.csv` — dates typed DD/MM, phone numbers and IDs as numbers, text in shared strings.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return [UInt8](try Data(contentsOf: url))
    }

    @Test func libreOfficeWorkbookReadsAsThePersonSawIt() throws {
        let bytes = try Self.fixture("danh-sach.xlsx")

        let rows = try XLSXReader.rows(bytes)

        let expected = [
            ["STT", "Họ và tên", "Ngày sinh", "Điện thoại", "Mã định danh", "Điểm", "Ghi chú"],
            ["1", "Nguyễn Thị Ánh", "05/09/2018", "912345678", "201234567890", "8.5", #"Lớp 1A, "giỏi" & <chăm>"#],
            ["2", "H'Hen Niê", "31/12/2017", "1321000001", "", "9"],
            ["3", "Y Kŏ Êban", "29/02/2016", "", "79216000123", "7.25", "Ở với bà"],
            ["4", "Nguyễn Thị Ánh", "01/01/2019", "987654321", "", "10", "Trùng tên"],
        ]
        #expect(XLSXRoundTripTests.sameScalars(rows, expected), "\(rows)")
        #expect(try XLSXReader.sheetNames(bytes) == ["danh-sach"])
        #expect(try XLSXReader.rows(bytes, sheet: "DANH-SACH") == rows)
    }

    @Test func richTextRunsAreJoinedAndPhoneticRunsLeftOut() throws {
        let zip = CraftedZip.workbook(
            sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#,
            sharedStrings: #"<si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Thị</t></r><r><t xml:space="preserve"> Ánh</t></r>"#
                + #"<rPh sb="0" eb="1"><t>ガ</t></rPh></si><si><t>_x0048_&apos;Hen Niê_x000D_</t></si>"#
        )

        #expect(try XLSXReader.rows(zip.bytes) == [["Nguyễn Thị Ánh", "H'Hen Niê\r"]])
    }

    @Test func sparseRowsKeepTheirColumnsAndRowNumbers() throws {
        let zip = CraftedZip.workbook(
            sheetData: """
                <row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="C2"><v>3</v></c>\
                <c r="D2" t="inlineStr"><is><t></t></is></c><c r="E2" s="0"/></row>\
                <row r="3"><c r="E3" t="inlineStr"><is><t>e</t></is></c></row><row r="5"/><row r="7"><c r="A7"/></row>
                """)

        #expect(try XLSXReader.rows(zip.bytes) == [[], ["a", "", "3"], ["", "", "", "", "e"]])
    }

    @Test func prefixedNamesAndCellsWithoutReferencesAreRead() throws {
        let main = CraftedZip.main
        let sheet =
            #"<x:worksheet xmlns:x="\#(main)"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>một</x:t></x:is>"#
            + #"</x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c r="B2"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>"#
        let zip = CraftedZip.workbook(sheetData: "", replacing: ["xl/worksheets/sheet1.xml": sheet])

        #expect(try XLSXReader.rows(zip.bytes) == [["một", "2"], ["", "3"]])
    }

    @Test func booleansFormulasErrorsAndISODatesShowTheirValues() throws {
        let zip = CraftedZip.workbook(
            sheetData: """
                <row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>\
                <c r="C1" t="str"><f>A1&amp;"x"</f><v>TRUEx</v></c><c r="D1"><f>SUM(1,2)</f><v>3</v></c>\
                <c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="d"><v>2018-09-05T00:00:00</v></c>\
                <c r="G1"><v>0.30000000000000004</v></c><c r="H1"><v>1.23456789012345E+17</v></c></row>
                """)

        #expect(
            try XLSXReader.rows(zip.bytes) == [
                ["TRUE", "FALSE", "TRUEx", "3", "#N/A", "05/09/2018", "0.3", "123456789012345000"]
            ])
    }

    @Test func dateFormatsAreRecognisedAndTimesAndPercentsAreNot() throws {
        let styles = """
            <numFmts><numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0%"/>\
            <numFmt numFmtId="166" formatCode="&quot;Ngày&quot; d &quot;tháng&quot; m"/>\
            <numFmt numFmtId="167" formatCode="[h]:mm:ss"/></numFmts>\
            <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>\
            <xf numFmtId="167"/><xf numFmtId="20"/></cellXfs>
            """
        let cells = (0...6).map { #"<c s="\#($0)"><v>43348.75</v></c>"# }.joined()
        let zip = CraftedZip.workbook(sheetData: "<row>\(cells)</row>", styles: styles)

        #expect(
            try XLSXReader.rows(zip.bytes) == [
                ["43348.75", "05/09/2018", "05/09/2018", "43348.75", "05/09/2018", "43348.75", "43348.75"]
            ])
    }

    @Test func leadingZerosShownByTheFormatAreKept() throws {
        let styles = """
            <numFmts><numFmt numFmtId="164" formatCode="0000000000"/><numFmt numFmtId="165" formatCode="&quot;0&quot;#########"/>\
            <numFmt numFmtId="166" formatCode="\\0#########"/><numFmt numFmtId="167" formatCode="000000000000"/>\
            <numFmt numFmtId="168" formatCode="#,##0"/></numFmts>\
            <cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/>\
            <xf numFmtId="168"/><xf numFmtId="1"/></cellXfs>
            """
        let phone = (0...3).map { #"<c s="\#($0)"><v>912345678</v></c>"# }.joined()
        let identity = (4...6).map { #"<c s="\#($0)"><v>1203004567</v></c>"# }.joined()
        let zip = CraftedZip.workbook(sheetData: "<row>\(phone)</row><row>\(identity)</row>", styles: styles)

        #expect(
            try XLSXReader.rows(zip.bytes) == [
                ["912345678", "0912345678", "0912345678", "0912345678"],
                ["001203004567", "1203004567", "1203004567"],
            ])
    }

    @Test func the1904DateSystemIsHonoured() throws {
        let (main, relationships) = (CraftedZip.main, CraftedZip.relationships)
        let workbook =
            #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><workbookPr date1904="1"/>"#
            + #"<sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        let zip = CraftedZip.workbook(
            sheetData: #"<row><c s="1"><v>41886</v></c></row>"#, styles: #"<cellXfs><xf/><xf numFmtId="14"/></cellXfs>"#,
            replacing: ["xl/workbook.xml": workbook]
        )

        #expect(try XLSXReader.rows(zip.bytes) == [["05/09/2018"]])
    }

    @Test func firstWorksheetIsFirstInTabOrderSkippingChartSheets() throws {
        let (main, relationships) = (CraftedZip.main, CraftedZip.relationships)
        let workbook =
            #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>"#
            + #"<sheet name="Biểu đồ" sheetId="3" r:id="rId9"/><sheet name="Sau" sheetId="1" r:id="rId1"/>"#
            + #"<sheet name="Trước" sheetId="2" r:id="rId2"/></sheets></workbook>"#
        let rels = CraftedZip.rels([
            ("rId9", "chartsheet", "chartsheets/sheet1.xml"), ("rId1", "worksheet", "/xl/worksheets/sheet1.xml"),
            ("rId2", "worksheet", "./worksheets/../worksheets/sheet2.xml"),
        ])
        let second =
            #"<worksheet xmlns="\#(main)"><sheetData><row><c t="inlineStr"><is><t>hai</t></is></c></row>"#
            + "</sheetData></worksheet>"
        let zip = CraftedZip.workbook(
            sheetData: #"<row><c t="inlineStr"><is><t>một</t></is></c></row>"#,
            replacing: ["xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/sheet2.xml": second]
        )

        #expect(try XLSXReader.sheetNames(zip.bytes) == ["Sau", "Trước"])
        #expect(try XLSXReader.rows(zip.bytes) == [["một"]])
        #expect(try XLSXReader.rows(zip.bytes, sheet: "Trước") == [["hai"]])
        #expect(throws: XLSXError.sheetNotFound("Biểu đồ")) { try XLSXReader.rows(zip.bytes, sheet: "Biểu đồ") }
    }
}
