import Leaf
import Vapor

/// `#textField(name, label, options, hint)`: one labelled text input of a form, with its error next to it, read from
/// the page's `form.values` and `form.problems` (`FormState`).
///
/// It writes what every such field of hoso's forms writes by hand — the `has-error` class, the error paragraph, the
/// input with its value, `aria-describedby` and `aria-invalid` — in one step instead of three conditionals, which
/// is most of the cost of rendering a long form such as the parent's application (issue 15).
///
/// - `name`: the field's name; the input's id is `field-<name>`.
/// - `label`: the label's text.
/// - `options` (optional): space-separated words: `optional` adds "(không bắt buộc)" to the label; `type=…`,
///   `class=…`, `inputmode=…` and `autocomplete=…` set those attributes of the input (`type` is `text` unless said).
/// - `hint` (optional): a hint shown under the label and named by the input's `aria-describedby`.
///
/// Every text written is escaped; only the attributes listed above can be set.
struct TextFieldTag: UnsafeUnescapedLeafTag {
    static let attributes = ["type", "class", "inputmode", "autocomplete"]

    func render(_ ctx: LeafContext) throws -> LeafData {
        guard (2...4).contains(ctx.parameters.count), let name = ctx.parameters[0].string,
            let label = ctx.parameters[1].string
        else { throw Abort(.internalServerError, reason: "#textField(name, label, options, hint)") }
        let words = ctx.parameters.count > 2 ? (ctx.parameters[2].string ?? "").split(separator: " ") : []
        let hint = ctx.parameters.count > 3 ? ctx.parameters[3].string ?? "" : ""
        let form = ctx.data["form"]?.dictionary
        let value = form?["values"]?.dictionary?[name]?.string ?? ""
        let problem = form?["problems"]?.dictionary?[name]?.string ?? ""
        return .string(
            Self.html(name: name, label: label, words: words, hint: hint, value: value, problem: problem))
    }

    static func html(name: String, label: String, words: [Substring], hint: String, value: String, problem: String) -> String {
        let id = "field-" + name.htmlEscapedFast
        var set: [String: String] = ["type": "text"]
        var optional = false
        for word in words {
            if word == "optional" {
                optional = true
            } else if let equals = word.firstIndex(of: "="), attributes.contains(String(word[..<equals])) {
                set[String(word[..<equals])] = String(word[word.index(after: equals)...])
            }
        }
        var html = "<div class=\"field\(problem.isEmpty ? "" : " has-error")\">\n      <label for=\"\(id)\">"
        html += label.htmlEscapedFast
        if optional { html += " <span class=\"optional\">(không bắt buộc)</span>" }
        html += "</label>\n"
        if !hint.isEmpty { html += "      <p class=\"hint\" id=\"\(id)-hint\">\(hint.htmlEscapedFast)</p>\n" }
        if !problem.isEmpty {
            html += "      <p class=\"field-error\" id=\"\(id)-error\"><span class=\"visually-hidden\">Lỗi: </span>"
            html += problem.htmlEscapedFast + "</p>\n"
        }
        html += "      <input type=\"\(set["type"]!.htmlEscapedFast)\""
        if let css = set["class"] { html += " class=\"\(css.htmlEscapedFast)\"" }
        html += " id=\"\(id)\" name=\"\(name.htmlEscapedFast)\" value=\"\(value.htmlEscapedFast)\""
        for key in ["inputmode", "autocomplete"] {
            if let text = set[key] { html += " \(key)=\"\(text.htmlEscapedFast)\"" }
        }
        let described = [hint.isEmpty ? nil : id + "-hint", problem.isEmpty ? nil : id + "-error"].compactMap { $0 }
        if !described.isEmpty { html += " aria-describedby=\"\(described.joined(separator: " "))\"" }
        if !problem.isEmpty { html += " aria-invalid=\"true\"" }
        return html + ">\n    </div>"
    }
}

extension String {
    /// This text escaped for HTML text and attribute values, as Leaf's `#()` escapes it: `&`, `<`, `>`, `"` and `'`.
    /// Text with none of them (most names and values) is returned as it is, after one pass over its bytes.
    var htmlEscapedFast: String {
        guard utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return self }
        return htmlEscaped()
    }
}
