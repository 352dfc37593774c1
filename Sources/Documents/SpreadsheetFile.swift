import Foundation

/// An uploaded list, whatever the school saved it as: an Excel workbook (.xlsx) or CSV text, told apart by content,
/// not by name. Files it cannot read — the old binary `.xls`, a password-protected workbook, a web page renamed
/// `.xls` (what some systems export), text in a legacy code page — are refused with a Vietnamese message that says
/// what to do instead.
public enum SpreadsheetFile {
    /// Why a file cannot be read, in Vietnamese, with what to do.
    public struct Unreadable: Error, Sendable, Equatable {
        public let message: String

        /// A refusal saying `message`.
        public init(message: String) { self.message = message }
    }

    /// The first sheet's rows (or the CSV's), blank rows dropped; with `fillingMerged`, merged cells read their
    /// top-left value on every row they cover.
    public static func table(_ bytes: [UInt8], fillingMerged: Bool = false) -> Result<[[String]], Unreadable> {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return workbook(bytes, fillingMerged: fillingMerged) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE2 compound file: either the old binary .xls or an encrypted .xlsx wrapped in one.
            let encrypted = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if contains(bytes, encrypted) {
                return .failure(
                    Unreadable(
                        message: "Tệp Excel đang đặt mật khẩu nên hoso không đọc được. Mở tệp bằng Excel, vào Tệp → Thông tin → "
                            + "Bảo vệ sổ làm việc → Mã hoá bằng mật khẩu, xoá mật khẩu, lưu lại rồi tải lên."))
            }
            return .failure(
                Unreadable(
                    message: "Đây là tệp Excel đời cũ (.xls). Mở bằng Excel hoặc LibreOffice, chọn Lưu thành → “Sổ làm việc Excel "
                        + "(.xlsx)” rồi tải tệp .xlsx lên."))
        }
        if let text = utf16Text(bytes) { return csv { try CSVReader.rows(text) } }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<table") || head.contains("<?xml") {
            return .failure(
                Unreadable(
                    message: "Tệp này là trang web (HTML/XML) được đặt đuôi Excel, như một số hệ thống xuất ra. Mở bằng Excel, "
                        + "chọn Lưu thành → “Sổ làm việc Excel (.xlsx)” rồi tải lên."))
        }
        return csv { try CSVReader.rows(bytes) }
    }

    private static func workbook(_ bytes: [UInt8], fillingMerged: Bool) -> Result<[[String]], Unreadable> {
        do {
            let rows = try XLSXReader.rows(bytes, fillingMerged: fillingMerged)
            return .success(rows.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } })
        } catch .tooLarge {
            return .failure(Unreadable(message: "Tệp Excel quá lớn."))
        } catch .notAnXLSXFile, .missingWorkbook {
            return .failure(Unreadable(message: "Tệp nén này không phải bảng tính Excel (.xlsx)."))
        } catch {
            return .failure(Unreadable(message: "Tệp Excel bị hỏng; hãy mở bằng Excel và lưu lại rồi tải lên."))
        }
    }

    private static func csv(_ read: () throws -> [[String]]) -> Result<[[String]], Unreadable> {
        do {
            return .success(try read())
        } catch CSVReader.Problem.notText {
            return .failure(
                Unreadable(
                    message: "Tệp không phải văn bản CSV UTF-8 (có thể được lưu theo bảng mã khác như Windows-1258 hay TCVN3). "
                        + "Trong Excel chọn Lưu thành “CSV UTF-8”, hoặc tải lên tệp .xlsx."))
        } catch {
            return .failure(Unreadable(message: "Tệp CSV bị lỗi dấu ngoặc kép; hãy lưu lại từ Excel."))
        }
    }

    /// Text saved as UTF-16 with a byte-order mark (Excel's "Unicode Text"), or nil.
    private static func utf16Text(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 2 else { return nil }
        let littleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE): littleEndian = true
        case (0xFE, 0xFF): littleEndian = false
        default: return nil
        }
        let body = bytes.dropFirst(2)
        guard body.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let (a, b) = (UInt16(body[index]), UInt16(body[index + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return String(utf16CodeUnits: units, count: units.count).precomposedStringWithCanonicalMapping
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first && Array(bytes[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
