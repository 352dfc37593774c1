import Foundation

/// Dân tộc: the 54 ethnic groups of Vietnam in the order of their official codes (Danh mục các dân tộc Việt Nam,
/// Quyết định 121-TCTK/PPCĐ, 1979; spelling as on today's birth certificates), and the value for a foreign child.
/// A child's ethnicity is always chosen from this list, never assumed: an empty value means "not given yet".
public enum Ethnicity {
    /// The groups' names, "Kinh" first, as codes 01–54 order them.
    public static let names: [String] = [
        "Kinh", "Tày", "Thái", "Hoa", "Khmer", "Mường", "Nùng", "Mông", "Dao", "Gia Rai", "Ngái", "Ê Đê", "Ba Na",
        "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra Glai", "Xtiêng", "Bru - Vân Kiều", "Thổ",
        "Giáy", "Cơ Tu", "Giẻ Triêng", "Mạ", "Khơ Mú", "Co", "Tà Ôi", "Chơ Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru",
        "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cờ Lao", "Cống", "Bố Y",
        "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
    ]

    /// What is written for a child who is not a Vietnamese citizen.
    public static let foreign = "Người nước ngoài"

    /// Every value a form may offer, in order.
    public static var choices: [String] { names + [foreign] }

    /// The list's spelling of `text`, read without regard to case, diacritics, spaces or hyphens ("ede", "Ê-đê" and
    /// "Ê Đê" are one group; "H'Mông" is "Mông"); nil when it names no group.
    public static func canonical(_ text: String) -> String? {
        let key = Self.key(text)
        guard !key.isEmpty else { return nil }
        return aliases[key] ?? byKey[key]
    }

    /// Every choice by its ``key(_:)``, folded once.
    static let byKey: [String: String] = Dictionary(choices.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })

    /// How `text` is stored: the list's spelling when it names a group, otherwise the cleaned text (which the checks
    /// then refuse); empty stays empty — nobody is assumed to be Kinh.
    public static func written(_ text: String) -> String {
        canonical(text) ?? VietnameseText.clean(text)
    }

    /// Whether `ethnicity` is a minority (dân tộc thiểu số): a listed group other than Kinh.
    public static func isMinority(_ ethnicity: String) -> Bool {
        guard let name = canonical(ethnicity) else { return false }
        return name != "Kinh" && name != foreign
    }

    static let aliases: [String: String] = [
        "hmong": "Mông", "meo": "Mông", "khome": "Khmer", "jrai": "Gia Rai", "bahnar": "Ba Na", "sedang": "Xơ Đăng",
        "koho": "Cơ Ho", "cham": "Chăm", "raglai": "Ra Glai", "stieng": "Xtiêng", "vankieu": "Bru - Vân Kiều", "bru": "Bru - Vân Kiều",
        "colao": "Cờ Lao", "nuocngoai": foreign,
    ]

    static func key(_ text: String) -> String {
        VietnameseText.foldKey(text).filter { $0.isLetter }
    }
}
