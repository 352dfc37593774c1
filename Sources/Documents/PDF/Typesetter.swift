import CPangoCairo
import Foundation

/// Shapes paragraphs with Pango for one render: one Pango context on the calling thread's font map. Pango keeps a
/// default font map per thread, so fontconfig's slow first setup is paid once per thread, not once per document,
/// and no font map is shared between threads (Pango's are not thread-safe).
final class Typesetter {
    private struct FontKey: Hashable {
        let family: String
        let size: Double
        let bold: Bool
        let italic: Bool
    }

    private let context: OpaquePointer
    private let documentFamily: String
    private var fonts: [FontKey: OpaquePointer] = [:]
    private var knownFamilies: Set<String> = []
    private var installedFamilies: Set<String>?

    /// Creates the context from the canvas's Cairo context, so layout uses the PDF surface's font options
    /// (unhinted metrics), and measures at 72 dpi so that a point of font size is a point on paper.
    init(canvas: Canvas, family: String) throws(PDFError) {
        context = pango_cairo_create_context(canvas.cairo)
        documentFamily = family
        pango_cairo_context_set_resolution(context, 72)
        // Exact glyph positions: rounding to whole points makes text visibly uneven in a PDF that will be scaled.
        pango_context_set_round_glyph_positions(context, 0)
        try requireFamily(family)
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// Lays `text` out in lines no wider than `width` points.
    func shape(_ text: String, style: TextStyle, width: Double) throws(PDFError) -> ShapedText {
        let font = try font(for: style)
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, font)
        pango_layout_set_width(layout, Int32(width.clamped(to: 1...100_000, fallback: 1) * Double(PANGO_SCALE)))
        // WORD_CHAR: a word wider than the line (a pasted URL, a 10,000-letter string) breaks between letters
        // instead of running off the page.
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .justified:
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
            pango_layout_set_justify(layout, 1)
        }
        let clean = Typesetter.printable(text)
        clean.withCString { pango_layout_set_text(layout, $0, Int32(clamping: strlen($0))) }
        return ShapedText(
            layout: layout, color: style.color,
            lineHeight: style.lineHeight.clamped(to: 0.5...5, fallback: 1))
    }

    private func font(for style: TextStyle) throws(PDFError) -> OpaquePointer {
        let family = style.family ?? documentFamily
        let key = FontKey(
            family: family, size: style.size.clamped(to: 1...400, fallback: 11), bold: style.isBold,
            italic: style.isItalic)
        if let font = fonts[key] { return font }
        try requireFamily(family)
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, family)
        pango_font_description_set_size(font, Int32(key.size * Double(PANGO_SCALE)))
        pango_font_description_set_weight(font, key.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(font, key.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        fonts[key] = font
        return font
    }

    /// Refuses a family fontconfig does not have: Pango would substitute another font silently, perhaps one without
    /// Vietnamese letters.
    private func requireFamily(_ family: String) throws(PDFError) {
        if knownFamilies.contains(family) { return }
        if installedFamilies == nil { installedFamilies = listFamilies() }
        guard installedFamilies?.contains(family.lowercased()) == true else { throw .fontUnavailable(family: family) }
        knownFamilies.insert(family)
    }

    private func listFamilies() -> Set<String> {
        var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(pango_context_get_font_map(context), &families, &count)
        defer { g_free(families) }
        var names: Set<String> = []
        for index in 0..<Int(count) {
            if let family = families?[index], let name = pango_font_family_get_name(family) {
                names.insert(String(cString: name).lowercased())
            }
        }
        return names
    }

    /// The text as Pango should get it: NFC (so decomposed input shapes and extracts like composed input), CR LF
    /// and CR as line breaks, tabs as spaces, and other control characters dropped — Pango would draw them as
    /// hex boxes, and a NUL would end the C string early.
    static func printable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar.value {
            case 0x0A where afterCarriageReturn: continue
            case 0x0A, 0x0D, 0x2028, 0x2029: scalars.append("\n")
            case 0x09: scalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

/// A paragraph shaped by Pango, with each line's position so it can be split between pages and drawn line by line.
final class ShapedText {
    struct Line {
        let line: UnsafeMutablePointer<PangoLayoutLine>
        /// Left end of the baseline, from the layout's left edge (alignment included).
        let x: Double
        let baseline: Double
        let top: Double
        let bottom: Double
    }

    /// Owned; the line pointers stay valid while it lives and is not changed.
    private let layout: OpaquePointer
    let lines: [Line]
    let color: Color

    /// Reads the lines' positions, spacing them `lineHeight` times their natural height with the extra split
    /// above and below, like CSS half-leading, so paragraphs stacked as separate blocks are spaced like lines.
    init(layout: OpaquePointer, color: Color, lineHeight: Double) {
        self.layout = layout
        self.color = color
        let scale = Double(PANGO_SCALE)
        var lines: [Line] = []
        var y = 0.0
        let iterator = pango_layout_get_iter(layout)
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var logical = PangoRectangle()
            var top: Int32 = 0
            var bottom: Int32 = 0
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            pango_layout_iter_get_line_yrange(iterator, &top, &bottom)
            let natural = Double(bottom - top) / scale
            let ascent = Double(pango_layout_iter_get_baseline(iterator) - top) / scale
            lines.append(
                Line(
                    line: pango_layout_iter_get_line_readonly(iterator), x: Double(logical.x) / scale,
                    baseline: y + natural * (lineHeight - 1) / 2 + ascent, top: y,
                    bottom: y + natural * lineHeight))
            y += natural * lineHeight
        } while pango_layout_iter_next_line(iterator) != 0
        self.lines = lines
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
}
