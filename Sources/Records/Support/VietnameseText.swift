import Foundation

/// Vietnamese text rules shared by every area: NFC storage, a diacritic‑free search key and name order.
public enum VietnameseText {
    /// Returns `text` trimmed, with inner runs of whitespace collapsed, control characters dropped and NFC‑normalised.
    ///
    /// One pass over the text's scalars (after Foundation's NFC, skipped for plain ASCII): every list import and every
    /// form cleans each field, so this is on hot paths.
    public static func clean(_ text: String) -> String {
        collapsingBlanks(isPlainASCII(text) ? text : text.precomposedStringWithCanonicalMapping) { scalar, result in
            result.append(scalar)
        }
    }

    /// The folded search key: diacritics removed (đ → d), lower case, single spaces.
    ///
    /// Unicode folding alone keeps `đ`, so it is mapped by hand; the key is stored beside the text so one portable
    /// `LIKE` serves SQLite and PostgreSQL alike.
    /// Apostrophes go too, so "H'Hen" is found by "hhen" and by "hen".
    public static func foldKey(_ text: String) -> String {
        collapsingBlanks(isPlainASCII(text) ? text : text.decomposedStringWithCanonicalMapping) { scalar, result in
            switch scalar.value {
            case 0x27, 0x2019: return  // ' and ’: "H'Hen" → "hhen"
            case 0x41...0x5A: result.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0..<0x80: result.append(scalar)
            case 0x110, 0x111: result.append("d")  // Đ, đ
            default:
                if isDiacritic(scalar) { return }
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
    }

    /// `text` without its diacritics (đ → d), case kept: a text message in one 160-character part.
    public static func unaccented(_ text: String) -> String {
        collapsingBlanks(text.precomposedStringWithCanonicalMapping.decomposedStringWithCanonicalMapping) { scalar, result in
            switch scalar.value {
            case 0x110: result.append("D")
            case 0x111: result.append("d")
            default: if !isDiacritic(scalar) { result.append(scalar) }
            }
        }
    }

    /// `source` with blanks trimmed and each inner run of them written as one space; every other scalar is given to
    /// `write`, which appends what it stands for.
    static func collapsingBlanks(
        _ source: String, write: (Unicode.Scalar, inout String.UnicodeScalarView) -> Void
    ) -> String {
        var result = String.UnicodeScalarView()
        var space = false
        for scalar in source.unicodeScalars {
            if isBlank(scalar) {
                space = !result.isEmpty
                continue
            }
            if space {
                result.append(" ")
                space = false
            }
            write(scalar, &result)
        }
        return String(result)
    }

    /// Plain ASCII without control characters is already NFC and its own decomposition.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// White space and control or format characters: what ``clean(_:)`` turns into a single space.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value <= 0x20 || scalar.value == 0x7F }
        if scalar.properties.isWhitespace { return true }
        let category = scalar.properties.generalCategory
        return category == .control || category == .format
    }

    /// The combining marks that diacritic folding removes (tones, circumflexes, breves, horns, dots).
    static func isDiacritic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        default: false
        }
    }

    /// Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, tones after base letters.
    static let letterOrder: [Character] = Array("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
    static let toneOrder: [Unicode.Scalar] = ["\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]  // huyền hỏi ngã sắc nặng

    /// A key of digits alone that sorts words in Vietnamese letter order: base letters first, then tone marks.
    ///
    /// Each character becomes two digits (`00` ends the word, `01` a space, `02`–`11` the digits, `12`… the letters in
    /// alphabet order, `99` anything else); the tones of the whole word follow, one digit a letter. So "Anh" < "Ánh"
    /// < "Ân" < "Bảo", "Đức" sorts after every "D…", and a word sorts before every longer word it begins. Digits alone
    /// compare the same under every collation a database may use (PostgreSQL's `vi_VN.UTF-8` and `en_US.UTF-8` skip
    /// punctuation at the first level, so separators would break the order there), and keys of several words can be
    /// concatenated: each word's end is marked.
    public static func collationKey(_ word: String) -> String {
        var letters = ""
        var tones = ""
        for character in clean(word).lowercased() {
            let decomposed = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            var base = ""
            var tone = 0
            for scalar in decomposed {
                if let index = toneOrder.firstIndex(of: scalar) {
                    tone = index + 1
                } else {
                    base.unicodeScalars.append(scalar)
                }
            }
            let baseCharacter = Character(base.precomposedStringWithCanonicalMapping)
            if let index = letterOrder.firstIndex(of: baseCharacter) {
                letters += String(format: "%02d", index + 12)
            } else if let ascii = baseCharacter.asciiValue, baseCharacter.isNumber {
                letters += String(format: "%02d", Int(ascii) - 48 + 2)
            } else if baseCharacter == " " {
                letters += "01"
            } else {
                // Apostrophes, breves on letters outside the Vietnamese alphabet (ŏ) and the like: keep the base
                // letter's place when it has one, otherwise sort the symbol after every letter.
                let plain = String(baseCharacter).folding(options: .diacriticInsensitive, locale: nil).lowercased()
                if let first = plain.first, let index = letterOrder.firstIndex(of: first) {
                    letters += String(format: "%02d", index + 12)
                } else if baseCharacter == "'" || baseCharacter == "’" {
                    continue
                } else {
                    letters += "99"
                }
            }
            tones += String(tone)
        }
        return letters + "00" + tones
    }
}
