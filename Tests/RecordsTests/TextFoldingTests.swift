import Foundation
import Records
import Testing

/// The one-pass `clean` and `foldKey` against the Foundation pipeline they replaced: keys already stored in a
/// school's database must keep matching what is computed for a search today.
@Suite struct TextFoldingTests {
    static func referenceClean(_ text: String) -> String {
        let scalars = text.precomposedStringWithCanonicalMapping.unicodeScalars.map { scalar -> Character in
            if CharacterSet.controlCharacters.contains(scalar) || CharacterSet.whitespacesAndNewlines.contains(scalar) {
                return " "
            }
            return Character(scalar)
        }
        return String(scalars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func referenceFold(_ text: String) -> String {
        referenceClean(text)
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .lowercased()
    }

    static let samples = [
        "Nguyễn Thị Ánh", "  ĐỖ ĐỨC   ĐẠT ", "H'Hen Niê", "Y Kŏ Êban", "Nguye\u{0302}\u{0303}n Thi\u{0323} A\u{0301}nh",
        "Lê\u{0000}  Văn\nAnh", "Trần\tQuốc\u{00A0}Bảo", "Phường Tân Lợi, TP. Buôn Ma Thuột", "Ơ Đu", "Bru - Vân Kiều",
        "ƯỚC MƠ", "Hồ Ngọc Hà’s", "0905 123 456", "3A", "", "   ", "Mã định danh 079215001234", "Ê-đê", "Zoë Müller",
        "\u{200B}Lan\u{200D}", "Khánh\r\nLinh", "ăâêôơư ĂÂÊÔƠƯ", "ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ýỳỷỹỵ",
    ]

    @Test(arguments: samples)
    func cleanIsTheFoundationPipeline(_ text: String) {
        #expect(VietnameseText.clean(text) == Self.referenceClean(text))
    }

    @Test(arguments: samples)
    func foldKeyIsTheFoundationPipeline(_ text: String) {
        #expect(VietnameseText.foldKey(text) == Self.referenceFold(text))
    }
}
