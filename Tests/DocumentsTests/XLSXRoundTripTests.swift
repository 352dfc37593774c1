import Foundation
import Testing

@testable import Documents

@Suite struct XLSXRoundTripTests {
    /// Strings compared scalar by scalar: `==` on String treats NFC and NFD as equal, stored bytes do not.
    static func sameScalars(_ left: [[String]], _ right: [[String]]) -> Bool {
        left.count == right.count
            && zip(left, right).allSatisfy { rowLeft, rowRight in
                rowLeft.count == rowRight.count
                    && zip(rowLeft, rowRight).allSatisfy { $0.unicodeScalars.elementsEqual($1.unicodeScalars) }
            }
    }

    @Test func textNumbersDatesAndEmptyCellsComeBackAsTheyShow() throws {
        var writer = XLSXWriter()
        writer.addSheet(
            name: "Lớp 1A", header: ["STT", "Họ và tên", "Ngày sinh", "Điểm", "Ghi chú"],
            rows: [
                [.integer(1), .text("Nguyễn Thị Ánh"), .date(year: 2018, month: 9, day: 5), .number(8.5), .empty],
                [.integer(2), .empty, .date(year: 2017, month: 12, day: 31), .number(7.25), .text("Ở với bà")],
                [.integer(3), .text("Y Kŏ Êban"), .empty, .number(-0.1), .empty],
                [.empty, .empty, .empty, .empty, .empty],
                [.integer(5), .text("0912345678"), .number(1e-7), .number(1234567.891), .number(10)],
            ]
        )

        let rows = try XLSXReader.rows(writer.data())

        #expect(
            rows == [
                ["STT", "Họ và tên", "Ngày sinh", "Điểm", "Ghi chú"],
                ["1", "Nguyễn Thị Ánh", "05/09/2018", "8.5"],
                ["2", "", "31/12/2017", "7.25", "Ở với bà"],
                ["3", "Y Kŏ Êban", "", "-0.1"],
                [],
                ["5", "0912345678", "1e-07", "1234567.891", "10"],
            ])
    }

    @Test func integersComeBackDigitForDigit() throws {
        let values = [0, -42, 1_321_000_001, 201_234_567_890, 999_999_999_999_999, 9_007_199_254_740_993, Int.max]
        var writer = XLSXWriter()
        writer.addSheet(name: "Số", header: [], rows: values.map { [.integer($0)] })

        let rows = try XLSXReader.rows(writer.data())

        #expect(rows == values.map { [String($0)] })
    }

    @Test func vietnameseAndMarkupTextRoundTripsExactlyInNFC() throws {
        let texts = [
            "Nguyễn Thị Ánh", "H'Hen Niê", "Y Kŏ Êban", "Đặng Thị Ngọc Hân", "Hoàng Thị Thuỷ",
            #"<b>Lê & "Bảo" 'Anh'</b> ]]> &amp;"#, "  hai khoảng trắng  ", "dòng 1\ndòng 2\r\ndòng 3\ttab",
            "ký tự điều khiển \u{1}\u{1F}", "_x0041_ giữ nguyên", "emoji 👩‍🏫",
        ]
        let decomposed = texts.map(\.decomposedStringWithCanonicalMapping)
        #expect(decomposed.map(\.unicodeScalars.count) != texts.map(\.unicodeScalars.count))
        var writer = XLSXWriter()
        writer.addSheet(name: "Tên", header: ["Tên"], rows: decomposed.map { [.text($0)] })

        let rows = try XLSXReader.rows(writer.data())

        #expect(Self.sameScalars(rows, [["Tên"]] + texts.map { [$0] }), "\(rows)")
    }

    @Test func eachSheetIsReadByItsName() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "Lớp 1A", header: ["Họ và tên"], rows: [[.text("Nguyễn Thị Ánh")]])
        writer.addSheet(name: "Lớp 1B", header: ["Họ và tên"], rows: [[.text("H'Hen Niê")]])
        writer.addSheet(name: "Trống", header: [], rows: [])
        let bytes = try writer.data()

        #expect(try XLSXReader.sheetNames(bytes) == ["Lớp 1A", "Lớp 1B", "Trống"])
        #expect(try XLSXReader.rows(bytes) == [["Họ và tên"], ["Nguyễn Thị Ánh"]])
        #expect(try XLSXReader.rows(bytes, sheet: "lớp 1b") == [["Họ và tên"], ["H'Hen Niê"]])
        #expect(try XLSXReader.rows(bytes, sheet: "Trống") == [])
        #expect(throws: XLSXError.sheetNotFound("Lớp 2")) { try XLSXReader.rows(bytes, sheet: "Lớp 2") }
    }

    @Test func datesAroundExcelsPhantomLeapDayAndOutOfRangeDates() throws {
        let dates = [(1900, 1, 1), (1900, 2, 28), (1900, 3, 1), (2024, 2, 29), (9999, 12, 31), (2023, 2, 30), (1899, 12, 31)]
        var writer = XLSXWriter()
        writer.addSheet(name: "Ngày", header: [], rows: dates.map { [.date(year: $0.0, month: $0.1, day: $0.2)] })
        let bytes = try writer.data()

        #expect(ExcelDate.serial(year: 1900, month: 1, day: 1) == 1)
        #expect(ExcelDate.serial(year: 1900, month: 3, day: 1) == 61)
        #expect(ExcelDate.serial(year: 2018, month: 9, day: 5) == 43348)  // what LibreOffice stored in the fixture
        #expect(
            try XLSXReader.rows(bytes) == [
                ["01/01/1900"], ["28/02/1900"], ["01/03/1900"], ["29/02/2024"], ["31/12/9999"], ["30/02/2023"], ["31/12/1899"],
            ])
    }

    @Test func sheetNamesAreCleanedCutAndMadeUnique() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "Lớp 1/A: [điểm]?*", header: [], rows: [])
        writer.addSheet(name: "Danh sách học sinh đăng ký tuyển sinh vào lớp một", header: [], rows: [])
        writer.addSheet(name: "lớp 1-A- -điểm---", header: [], rows: [])
        writer.addSheet(name: "'  '", header: [], rows: [])
        writer.addSheet(name: #"A & B "C" <D>"#, header: [], rows: [])

        let names = try XLSXReader.sheetNames(writer.data())

        #expect(
            names == [
                "Lớp 1-A- -điểm---", "Danh sách học sinh đăng ký tuyể", "lớp 1-A- -điểm--- (2)", "Sheet", #"A & B "C" <D>"#,
            ])
        #expect(names.allSatisfy { $0.utf16.count <= 31 })
    }

    @Test func writtenPackageHasStylesFrozenHeaderAndWidths() throws {
        var writer = XLSXWriter()
        writer.addSheet(
            name: "Lớp 1A", header: ["STT", "Họ và tên"], rows: [[.integer(1), .text("Nguyễn Thị Ánh")]],
            columnWidths: [6]
        )
        writer.addSheet(name: "Lớp 1B", header: ["STT"], rows: [])
        let archive = try ZipArchiveReader(writer.data())
        var budget = ExtractionBudget(remaining: 1 << 20)
        func part(_ path: String) throws -> String {
            String(decoding: try #require(try archive.read(path, budget: &budget)), as: UTF8.self)
        }

        for path in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"] {
            #expect(archive.entries[path.lowercased()] != nil, "\(path)")
        }
        let styles = try part("xl/styles.xml")
        #expect(styles.contains(#"formatCode="dd/mm/yyyy""#) && styles.contains("<b/>"))
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="1" max="1" width="6.0" customWidth="1"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width="16.0" customWidth="1"/>"#))  // fitted: 14 letters + 2
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>STT</t></is></c>"#))
        #expect(sheet.contains(#"<c r="A2" s="3"><v>1</v></c>"#))
        #expect(try part("[Content_Types].xml").contains("/xl/worksheets/sheet2.xml"))
    }

    @Test func sameContentGivesTheSameBytesAndAnEmptyWorkbookStillOpens() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "A", header: ["x"], rows: [[.number(1)]])
        #expect(try writer.data() == writer.data())
        #expect(try XLSXReader.sheetNames(XLSXWriter().data()) == ["Sheet1"])
        #expect(try XLSXReader.rows(XLSXWriter().data()) == [])
    }
}
