import Documents
import Foundation
import TestSupport
import Testing

/// An independent reader for what ``XLSXWriter`` writes: LibreOffice opens the file and saves it as CSV.
/// LibreOffice (Debian `libreoffice-calc-nogui`, installed by scripts/install-deps) must be present: a missing tool
/// fails the test, so a green run means the file was really opened by another program.
@Suite struct XLSXLibreOfficeTests {
    @Test func libreOfficeOpensWhatTheWriterWrites() throws {
        var writer = XLSXWriter()
        writer.addSheet(
            name: "Lớp 1A", header: ["STT", "Họ và tên", "Ngày sinh", "Mã định danh", "Điểm", "Ghi chú"],
            rows: [
                [
                    .integer(1), .text("Nguyễn Thị Ánh".decomposedStringWithCanonicalMapping),
                    .date(year: 2018, month: 9, day: 5), .integer(201_234_567_890), .number(8.5), .text(#"A, "B" & <C>"#),
                ],
                [
                    .integer(2), .text("H'Hen Niê"), .date(year: 2017, month: 12, day: 31), .empty, .number(10),
                    .text("dòng 1\ndòng 2"),
                ],
                [
                    .integer(3), .text("Y Kŏ Êban"), .date(year: 2016, month: 2, day: 29), .integer(1_321_000_001),
                    .number(7.25), .text("0912345678"),
                ],
            ]
        )
        writer.addSheet(name: "Lớp 1B", header: ["STT"], rows: [[.integer(1)]])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("lop.xlsx")
        try Data(writer.data()).write(to: workbook)

        _ = try Poppler.run(
            "soffice",
            [
                // A profile of its own, so parallel runs do not fight over the user's.
                "-env:UserInstallation=file://\(directory.path)/profile", "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", directory.path, workbook.path,
            ], package: "libreoffice-calc-nogui")
        let csv = try CSVReader.rows([UInt8](Data(contentsOf: directory.appendingPathComponent("lop.csv"))))

        #expect(
            XLSXRoundTripTests.sameScalars(
                csv,
                [
                    ["STT", "Họ và tên", "Ngày sinh", "Mã định danh", "Điểm", "Ghi chú"],
                    ["1", "Nguyễn Thị Ánh", "05/09/2018", "201234567890", "8.5", #"A, "B" & <C>"#],
                    ["2", "H'Hen Niê", "31/12/2017", "", "10", "dòng 1\ndòng 2"],
                    ["3", "Y Kŏ Êban", "29/02/2016", "1321000001", "7.25", "0912345678"],
                ]), "\(csv)")
    }
}
