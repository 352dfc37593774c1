/// Contact details shown to a reader whose work does not need them (the inspector): enough to tell two families
/// apart, not enough to call one.
public enum Masked {
    /// "0912345601" → "091•••••01"; an empty value stays empty.
    public static func phone(_ phone: String) -> String {
        let digits = Array(phone.filter(\.isNumber))
        guard digits.count > 5 else { return digits.isEmpty ? "" : String(repeating: "•", count: digits.count) }
        return String(digits.prefix(3)) + String(repeating: "•", count: digits.count - 5) + String(digits.suffix(2))
    }

    /// "me.anh@example.vn" → "m•••@example.vn".
    public static func email(_ email: String) -> String {
        guard let at = email.firstIndex(of: "@"), at > email.startIndex else { return email.isEmpty ? "" : "•••" }
        return String(email[email.startIndex]) + "•••" + email[at...]
    }

    /// "CW8XR7RKWX" → "••••••••WX": a code sent once is kept only as much as tells two codes apart.
    public static func code(_ code: String) -> String {
        guard code.count > 4 else { return String(repeating: "•", count: code.count) }
        return String(repeating: "•", count: code.count - 2) + code.suffix(2)
    }
}
