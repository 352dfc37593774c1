import Foundation

/// A person's name kept as parts, because the order of parts differs between peoples.
///
/// Kinh names read family, middle, given ("Nguyễn Thị Ánh"); Ê Đê names such as "H'Hen Niê" or "Y Kŏ Êban" put the
/// clan name last. Storing the parts lets every page print the name as written and every list sort it the
/// Vietnamese way: given name, then middle, then family.
public struct PersonName: Sendable, Hashable, Codable {
    /// Họ — the family or clan name.
    public var family: String
    /// Tên đệm — middle name(s), possibly empty.
    public var middle: String
    /// Tên — the given name.
    public var given: String
    /// Whether the family name is written last (Ê Đê, Jrai and other names).
    public var familyLast: Bool

    /// Creates a name from its parts; each part is cleaned and NFC‑normalised.
    public init(family: String, middle: String = "", given: String, familyLast: Bool = false) {
        self.family = VietnameseText.clean(family)
        self.middle = VietnameseText.clean(middle)
        self.given = VietnameseText.clean(given)
        self.familyLast = familyLast
    }

    /// Splits a full name written in Kinh order: the first word is the family name, the last the given name.
    public init(kinhFullName: String) {
        let words = VietnameseText.clean(kinhFullName).split(separator: " ").map(String.init)
        switch words.count {
        case 0: self.init(family: "", given: "")
        case 1: self.init(family: "", given: words[0])
        default:
            self.init(family: words[0], middle: words.dropFirst().dropLast().joined(separator: " "), given: words[words.count - 1])
        }
    }

    /// The name as it is written.
    public var full: String {
        let parts = familyLast ? [given, middle, family] : [family, middle, given]
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Sort key: given name, then middle, then family, each in Vietnamese letter order.
    public var sortKey: String {
        [given, middle, family].map(VietnameseText.collationKey).joined()
    }

    /// The diacritic‑free, lower‑case search key of the full name, in the order it is written and in the other
    /// order too, so "hen nie" and "nie hen" both find H'Hen Niê whichever way a list wrote her name.
    public var searchKey: String {
        let written = VietnameseText.foldKey(full)
        let other = VietnameseText.foldKey(
            (familyLast ? [family, middle, given] : [given, middle, family]).filter { !$0.isEmpty }.joined(separator: " "))
        return written == other ? written : written + " | " + other
    }

    /// Whether the given part is present.
    public var isEmpty: Bool { given.isEmpty }
}

extension Sequence {
    /// The elements in Vietnamese name order (given name, middle, family), each name's sort key computed once: the
    /// key is costly, and a comparison sort would compute it twice per comparison.
    func sortedByName(_ name: (Element) -> PersonName) -> [Element] {
        map { (name($0).sortKey, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
