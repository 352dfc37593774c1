import Foundation

/// Số định danh cá nhân: 12 digits issued for life (TT42/2021). Digits 1–3 name the province of birth registration,
/// digit 4 the century of birth and the sex (0/1 for a man/woman born 1900–1999, 2/3 for 2000–2099), digits 5–6
/// the last two digits of the year of birth; the last six are random. A typo in the first six shows against the
/// birth date and sex, so it is caught while the family is still at the form.
public enum PersonalID {
    /// The number with spaces, dots and hyphens removed when what is left is 12 digits, otherwise `text` cleaned.
    public static func compact(_ text: String) -> String { IdentityKeys.personalID(text) }

    /// Why `id` cannot be this person's number (it is not 12 digits, or its century, sex or year disagree with the
    /// birth date and sex given), or nil when it can. An empty `id` is not checked (many children have none yet).
    public static func problem(_ id: String, birthYear: Int?, sex: Sex?) -> String? {
        guard !id.isEmpty else { return nil }
        guard IdentityKeys.isPersonalID(id) else { return "gồm đúng 12 chữ số" }
        let digits = id.compactMap(\.wholeNumberValue)
        guard let birthYear, (1900..<2100).contains(birthYear) else { return nil }
        let century = birthYear < 2000 ? 0 : 2
        if digits[4] * 10 + digits[5] != birthYear % 100 || (digits[3] / 2) * 2 != century {
            return "không khớp với năm sinh \(birthYear) (chữ số thứ 4–6 ghi thế kỷ và năm sinh)"
        }
        if let sex, digits[3] % 2 != (sex == .female ? 1 : 0) {
            return "không khớp với giới tính \(sex.label) (chữ số thứ 4 ghi giới tính)"
        }
        return nil
    }
}
