import Documents
import Foundation
import Testing

/// Uploads are untrusted: whatever comes in, the reader answers with an ``XLSXError`` quickly, without crashing,
/// hanging or allocating what a file merely claims.
@Suite struct XLSXHostileInputTests {
    static let sheet = #"<row r="1"><c r="A1" t="inlineStr"><is><t>Nguyễn Thị Ánh</t></is></c></row>"#

    @Test func randomBytesAndOtherFormatsAreNotAnXLSXFile() {
        var generator = SplitMix(seed: 7)
        let inputs: [[UInt8]] = [
            [], Array("PK".utf8), Array("%PDF-1.7\n".utf8) + (0..<2000).map { _ in generator.byte() },
            (0..<100_000).map { _ in generator.byte() },
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 4096),  // old .xls
        ]
        for input in inputs {
            #expect(throws: XLSXError.notAnXLSXFile) { try XLSXReader.rows(input) }
        }
    }

    @Test func zipWithoutWorkbookAndWordDocumentHaveNoWorkbook() {
        var plain = CraftedZip()
        plain.add("readme.txt", "không phải bảng tính")
        var word = CraftedZip()
        word.add("_rels/.rels", CraftedZip.rels([("rId1", "officeDocument", "word/document.xml")]))
        word.add(
            "word/document.xml",
            #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
                + "<w:body/></w:document>")

        #expect(throws: XLSXError.missingWorkbook) { try XLSXReader.rows(plain.bytes) }
        #expect(throws: XLSXError.missingWorkbook) { try XLSXReader.rows(word.bytes) }
    }

    @Test func entryDeclaringAHugeSizeIsRefusedBeforeInflating() {
        var zip = CraftedZip.workbook(sheetData: Self.sheet)
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        zip.add("xl/worksheets/sheet1.xml", deflated: FixedDeflate.stream([0x3C]), declaredSize: 0xFFFF_FFFE)

        #expect(throws: XLSXError.tooLarge) { try XLSXReader.rows(zip.bytes) }
    }

    @Test func entryInflatingBeyondItsDeclaredSizeStopsAsTooLarge() throws {
        // 380 KB that inflates to 60 MB of "<", declared as 1 KB.
        let bomb = FixedDeflate.stream(Array("<".utf8), repeatingLast: 60_000_000)
        #expect(bomb.count < 400_000)
        var zip = CraftedZip.workbook(sheetData: Self.sheet)
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        zip.add("xl/worksheets/sheet1.xml", deflated: bomb, declaredSize: 1024)

        let started = ContinuousClock.now
        #expect(throws: XLSXError.tooLarge) { try XLSXReader.rows(zip.bytes) }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func deflatedPartsWithTrueSizesAreRead() throws {
        let text =
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + Self.sheet + "</sheetData></worksheet>" + String(repeating: " ", count: 3000)
        let bytes = Array(text.utf8)
        var zip = CraftedZip.workbook(sheetData: "")
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        zip.add(
            "xl/worksheets/sheet1.xml", deflated: FixedDeflate.stream(Array(bytes.dropLast(2999)), repeatingLast: 2999),
            declaredSize: UInt32(bytes.count), crc: Checksum.crc32(bytes)
        )

        #expect(try XLSXReader.rows(zip.bytes) == [["Nguyễn Thị Ánh"]])
    }

    @Test func deflateStreamThatNeverEndsIsMalformedNotAHang() {
        // ZIPFoundation's Linux inflater loops forever on this at end of file; the reader must stop at the entry's end.
        var zip = CraftedZip.workbook(sheetData: Self.sheet)
        zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        zip.add("xl/worksheets/sheet1.xml", deflated: FixedDeflate.unterminated(present: 100), declaredSize: 60_000)

        #expect(throws: XLSXError.self) { try XLSXReader.rows(zip.bytes) }
    }

    @Test func offsetsPointingOutsideTheFileAreMalformedNotACrash() {
        var zip = CraftedZip.workbook(sheetData: Self.sheet)
        zip.entries[zip.entries.count - 1].claimedOffset = 10_000_000
        var manyEntries = CraftedZip.workbook(sheetData: Self.sheet)
        manyEntries.claimedEntryCount = 60_000

        #expect(throws: XLSXError.malformed("ZIP entry lies outside the file")) { try XLSXReader.rows(zip.bytes) }
        #expect(throws: XLSXError.tooLarge) { try XLSXReader.rows(manyEntries.bytes) }
        var nearEnd = CraftedZip.workbook(sheetData: Self.sheet)
        nearEnd.entries[nearEnd.entries.count - 1].claimedOffset = UInt32(nearEnd.bytes.count - 10)
        #expect(throws: XLSXError.malformed("xl/worksheets/sheet1.xml: local header is damaged")) {
            try XLSXReader.rows(nearEnd.bytes)
        }
    }

    @Test func entityDeclarationsAreRefusedBeforeParsing() {
        let laughs =
            #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
            + #"<!ENTITY lol2 "\#(String(repeating: "&lol;", count: 10))">"#
            + #"<!ENTITY lol3 "\#(String(repeating: "&lol2;", count: 10))">]>"#
            + #"<sst xmlns="\#(CraftedZip.main)"><si><t>&lol3;</t></si></sst>"#
        let external =
            #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#
            + "<workbook>&x;</workbook>"
        let utf16 = #"<?xml version="1.0" encoding="UTF-16"?><workbook/>"#

        let cases = [("xl/sharedStrings.xml", laughs), ("xl/workbook.xml", external), ("xl/workbook.xml", utf16)]
        for (part, text) in cases {
            let zip = CraftedZip.workbook(sheetData: Self.sheet, sharedStrings: "", replacing: [part: text])
            #expect(throws: XLSXError.self) { try XLSXReader.rows(zip.bytes) }
            do {
                _ = try XLSXReader.rows(zip.bytes)
            } catch {
                guard case .malformed(let message) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(message.hasPrefix(part), "\(message)")
            }
        }
    }

    @Test func xmlThatCrashesFoundationsParserNeverReachesIt() {
        // Each of these made Foundation's XMLParser on Linux trap or dereference null before the checks existed.
        var invalidName = CraftedZip.workbook(sheetData: Self.sheet, styles: "")
        invalidName.add("xl/styles.xml", bytes: Array("<styleSheet><cellSt".utf8) + [0xD8] + Array("le/></styleSheet>".utf8))
        let instruction = CraftedZip.workbook(sheetData: #"<row r="1"><c><v>1</v></c><?pi?></row>"#)
        let declaration = CraftedZip.workbook(sheetData: "", replacing: ["xl/worksheets/sheet1.xml": "<?xml?><worksheet/>"])

        #expect(throws: XLSXError.malformed("xl/styles.xml is not valid UTF-8")) { try XLSXReader.rows(invalidName.bytes) }
        #expect(throws: XLSXError.malformed("xl/worksheets/sheet1.xml contains a processing instruction")) {
            try XLSXReader.rows(instruction.bytes)
        }
        #expect(throws: XLSXError.malformed("xl/worksheets/sheet1.xml contains a processing instruction")) {
            try XLSXReader.rows(declaration.bytes)
        }
    }

    @Test func endTagsWithoutStartTagsAreSurvived() {
        // libxml2 runs in recovery mode under XMLParser, so a stray `</c>` reaches the delegate.
        let zip = CraftedZip.workbook(sheetData: #"<row r="1"></c></rPh><c r="B1"><v>1</v></c></row>"#)

        #expect(throws: XLSXError.self) { try XLSXReader.rows(zip.bytes) }
    }

    @Test func cellReferencesBeyondExcelsLimitsAreRefused() {
        let farCells = (1...200).map { #"<row r="\#($0)"><c r="XFD\#($0)"><v>1</v></c></row>"# }.joined()
        let cases: [(String, XLSXError)] = [
            (#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, .malformed("row 1: cell reference out of range")),
            (#"<row r="1048577"><c><v>1</v></c></row>"#, .malformed("row 1048577 is out of order or out of range")),
            (#"<row r="2"/><row r="1"/>"#, .malformed("row 1 is out of order or out of range")),
            (#"<row r="1"><c t="s"><v>5</v></c></row>"#, .malformed("row 1: shared string 5 does not exist")),
            (farCells, .tooLarge),
        ]
        for (sheetData, error) in cases {
            let zip = CraftedZip.workbook(sheetData: sheetData, sharedStrings: "<si><t>a</t></si>")
            #expect(throws: error) { try XLSXReader.rows(zip.bytes) }
        }
    }

    @Test func truncatedAndCorruptedFilesNeverCrash() throws {
        let workbook = CraftedZip.workbook(
            sheetData: Self.sheet + #"<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" s="1"><v>43348</v></c></row>"#,
            sharedStrings: "<si><r><t>Y Kŏ</t></r><r><t> Êban</t></r></si>",
            styles: #"<cellXfs><xf/><xf numFmtId="14"/></cellXfs>"#
        ).bytes
        var written = XLSXWriter()
        written.addSheet(name: "Lớp", header: ["Tên"], rows: [[.text("H'Hen Niê"), .date(year: 2018, month: 9, day: 5)]])
        var generator = SplitMix(seed: 42)
        for original in [workbook, try written.data()] {
            for length in stride(from: 0, to: original.count, by: 97) {
                #expect(throws: XLSXError.self) { try XLSXReader.rows(Array(original.prefix(length))) }
            }
            for _ in 0..<400 {
                var damaged = original
                for _ in 0..<3 { damaged[Int(generator.next() % UInt64(damaged.count))] = generator.byte() }
                _ = try? XLSXReader.rows(damaged)  // any answer will do, as long as there is one
            }
        }
    }
}

/// A small seeded generator, so a failing corruption can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
}
