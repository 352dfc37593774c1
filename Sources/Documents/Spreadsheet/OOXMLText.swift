import Foundation

/// Text as OOXML stores it: XML‑escaped, with characters XML cannot carry written as `_xHHHH_` (ECMA‑376 ST_Xstring),
/// and always NFC, so that names typed on different systems compare equal byte for byte once stored.
enum OOXMLText {
    /// `text` escaped for an element's content.
    static func escaped(_ text: String) -> String {
        escape(nfc(text), quotes: false)
    }

    /// `text` escaped for a double‑quoted attribute value.
    static func escapedAttribute(_ text: String) -> String {
        escape(nfc(text), quotes: true)
    }

    /// Whether `text` needs `xml:space="preserve"` to keep its outer spaces and line breaks.
    static func needsPreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }

    /// Text read from a part with its `_xHHHH_` escapes decoded, in NFC.
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return nfc(text) }
        var scalars = String.UnicodeScalarView()
        let input = Array(text.unicodeScalars)
        var index = 0
        while index < input.count {
            if let value = escapeValue(input, at: index) {
                scalars.append(value)
                index += 7
            } else {
                scalars.append(input[index])
                index += 1
            }
        }
        return nfc(String(scalars))
    }

    /// NFC; ASCII is already NFC and skips Foundation's normaliser, which dominates the cost on big sheets.
    static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        // Most cells hold nothing to escape; 0xEF leads U+FFFE and U+FFFF in UTF‑8.
        let plain = text.utf8.allSatisfy { byte in
            (byte >= 0x20 || byte == 0x09 || byte == 0x0A) && !"&<>\"'_".utf8.contains(byte) && byte != 0xEF
        }
        if plain { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            case "'" where quotes: output += "&apos;"
            // A literal `_x0041_` would be decoded on reading; escaping its underscore keeps it literal.
            case "_" where escapeValue(scalars, at: index) != nil: output += "_x005F_"
            default:
                if isForbidden(scalar) {
                    output += "_x" + hex4(scalar.value) + "_"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// Characters XML 1.0 cannot hold, plus carriage return, which parsers turn into a line feed.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// The character of an `_xHHHH_` escape starting at `index`, if one starts there.
    private static func escapeValue(_ scalars: [Unicode.Scalar], at index: Int) -> Unicode.Scalar? {
        guard index + 7 <= scalars.count, scalars[index] == "_", scalars[index + 1] == "x",
            scalars[index + 6] == "_"
        else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[(index + 2)..<(index + 6)] {
            guard let digit = hexDigit(scalar) else { return nil }
            value = value << 4 | digit
        }
        return Unicode.Scalar(value)
    }

    private static func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
