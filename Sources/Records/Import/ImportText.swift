/// Values read from spreadsheets, put back the way they were typed.
public enum ImportText {
    /// A personal ID whose leading zeros a spreadsheet dropped (001321000008 stored as the number 1321000008): IDs
    /// start with a province code 001–096, so up to two zeros are restored to make 12 digits.
    public static func personalID(_ text: String) -> String { restoreLeadingZeros(text, length: 12, missing: 1...2) }

    /// A mobile number whose leading 0 a spreadsheet dropped (912345678 for 0912345678).
    public static func phone(_ text: String) -> String { restoreLeadingZeros(text, length: 10, missing: 1...1) }

    /// A digits-only value short by a count in `missing` is padded back with zeros to `length`.
    static func restoreLeadingZeros(_ text: String, length: Int, missing: ClosedRange<Int>) -> String {
        guard !text.isEmpty, text.allSatisfy(\.isNumber), missing.contains(length - text.count) else { return text }
        return String(repeating: "0", count: length - text.count) + text
    }

    /// A header or a word read for matching: folded (no diacritics, lower case), punctuation as spaces, spaces
    /// collapsed ("Họ tên (cha)" → "ho ten cha").
    static func matchKey(_ text: String) -> String {
        String(VietnameseText.foldKey(text).map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
    }

    /// A date as schools type it (``SchoolDate/init(vietnamese:)``: dd/mm/yyyy with any separator, or digits
    /// alone), or as ISO text.
    public static func date(_ text: String) -> SchoolDate? {
        SchoolDate(vietnamese: text) ?? SchoolDate(iso: text)
    }
}
