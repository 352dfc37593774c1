/// Splits a full name written in one cell into family, middle and given name.
///
/// Kinh names are family first ("Nguyễn Thị Ánh"). Ê Đê names carry a gender word first — "Y" for a man, "H'" for a
/// woman — and the clan name last ("H'Hen Niê", "Y Kŏ Êban"): such a name is split with the family name last. Any
/// other order is corrected by hand on the preview.
public enum NameSplit {
    /// The name as its parts; `familyLast` as detected from the Ê Đê gender word.
    public static func split(_ full: String) -> PersonName {
        let words = VietnameseText.clean(full).split(separator: " ").map(String.init)
        guard words.count >= 2, isEdeGenderWord(words[0]) else { return PersonName(kinhFullName: full) }
        return PersonName(
            family: words[words.count - 1], middle: words.dropFirst().dropLast().joined(separator: " "), given: words[0],
            familyLast: true)
    }

    /// "Y", or a word beginning "H'" (with a straight, typographic or grave apostrophe).
    static func isEdeGenderWord(_ word: String) -> Bool {
        if word == "Y" { return true }
        guard word.count > 2, word.first == "H" else { return false }
        return ["'", "’", "`", "ʼ"].contains(word.dropFirst().first.map(String.init) ?? "")
    }
}
