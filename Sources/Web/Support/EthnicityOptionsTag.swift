import Leaf
import Records

/// `#ethnicityOptions(value)`: the `<option>`s of the 54 ethnic groups (and "foreign"), with `value` selected. The
/// list never changes, so each option is escaped once, here, instead of the template looping over 55 entries on every
/// application form (and on every row of the conversion table).
struct EthnicityOptionsTag: UnsafeUnescapedLeafTag {
    /// Each choice's value and its `<option>` as written unselected and selected.
    static let options: [(value: String, plain: String, selected: String)] = Ethnicity.choices.map { name in
        let text = name.htmlEscaped()
        return (name, "<option value=\"\(text)\">\(text)</option>", "<option value=\"\(text)\" selected>\(text)</option>")
    }

    func render(_ ctx: LeafContext) throws -> LeafData {
        let chosen = ctx.parameters.first?.string ?? ""
        var html = ""
        html.reserveCapacity(Self.options.count * 40)
        for option in Self.options { html += option.value == chosen ? option.selected : option.plain }
        return .string(html)
    }
}
