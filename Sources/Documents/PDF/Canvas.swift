import CPangoCairo
import Foundation

/// The bytes Cairo writes, collected in memory for `Canvas`.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// A Cairo PDF surface that writes to memory, with the few drawing operations the layout needs. Coordinates are
/// points from the top left of the page, which is Cairo's PDF user space.
final class Canvas {
    private let sink: ByteSink
    private let surface: OpaquePointer
    /// The Cairo context; Pango draws through it.
    let cairo: OpaquePointer

    init(width: Double, height: Double) throws(PDFError) {
        let sink = ByteSink()
        // The callback cannot capture; the sink travels as the closure pointer and `self` keeps it alive.
        surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        self.sink = sink
        cairo = cairo_create(surface)
        try check(cairo_status(cairo))
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Sets the document information entries.
    func setInformation(title: String, author: String, subject: String, creator: String, created: Date) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator)
        // Cairo wants ISO 8601 with an explicit zone; UTC keeps the server's time zone setting out of the file.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.formatted(.iso8601))
    }

    /// Ends the current page and starts the next.
    func showPage() { cairo_show_page(cairo) }

    /// Finishes the file and returns its bytes.
    func finish() throws(PDFError) -> [UInt8] {
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface))
        return sink.bytes
    }

    private func check(_ status: cairo_status_t) throws(PDFError) {
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: cairo_status_to_string(status))) }
    }

    // MARK: Drawing

    func setColor(_ color: Color) {
        func unit(_ value: Double) -> Double { value.clamped(to: 0...1, fallback: 0) }
        cairo_set_source_rgb(cairo, unit(color.red), unit(color.green), unit(color.blue))
    }

    /// Draws one line of a Pango layout with its baseline's left end at (`x`, `baseline`).
    func show(_ line: UnsafeMutablePointer<PangoLayoutLine>, x: Double, baseline: Double) {
        cairo_move_to(cairo, x, baseline)
        pango_cairo_show_layout_line(cairo, line)
    }

    func fill(x: Double, y: Double, width: Double, height: Double, color: Color) {
        setColor(color)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
    }

    func stroke(x: Double, y: Double, width: Double, height: Double, lineWidth: Double, color: Color) {
        setColor(color)
        cairo_set_line_width(cairo, lineWidth)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_stroke(cairo)
    }

    /// A straight line; `dash` lengths in points, empty for a solid line.
    func line(
        from start: (x: Double, y: Double), to end: (x: Double, y: Double), lineWidth: Double, color: Color,
        dash: [Double] = []
    ) {
        setColor(color)
        cairo_set_line_width(cairo, lineWidth)
        cairo_set_dash(cairo, dash, Int32(dash.count), 0)
        cairo_move_to(cairo, start.x, start.y)
        cairo_line_to(cairo, end.x, end.y)
        cairo_stroke(cairo)
        cairo_set_dash(cairo, nil, 0, 0)
    }

    /// Fills all `rectangles` as one path, so abutting squares (QR modules) merge without hairline seams.
    func fill(rectangles: [(x: Double, y: Double, width: Double, height: Double)], color: Color) {
        setColor(color)
        for rect in rectangles { cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height) }
        cairo_fill(cairo)
    }

    /// Runs `draw` with the origin moved to (`x`, `y`) and everything scaled by `scale`.
    func transformed(x: Double, y: Double, scale: Double, _ draw: () -> Void) {
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        cairo_scale(cairo, scale, scale)
        draw()
        cairo_restore(cairo)
    }

    /// Runs `draw` with everything outside the rectangle hidden.
    func clipped(x: Double, y: Double, width: Double, height: Double, _ draw: () -> Void) {
        cairo_save(cairo)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_clip(cairo)
        draw()
        cairo_restore(cairo)
    }
}
