/// Checks an uploaded file by its content, not its name or declared type: JPEG, PNG or PDF only, within a size
/// limit, with image dimensions that cannot explode in memory, and without the marks of a polyglot or active PDF.
public enum UploadInspector {
    /// What the bytes really are.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case jpeg, png, pdf

        /// The media type to serve it with.
        public var mediaType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            case .pdf: "application/pdf"
            }
        }

        /// The file extension.
        public var fileExtension: String { rawValue == "jpeg" ? "jpg" : rawValue }
    }

    /// Why a file is refused, with a Vietnamese sentence for the person who sent it.
    public enum Refusal: Error, Sendable, Equatable {
        case empty
        case tooLarge(limit: Int)
        case notAllowedType
        /// An iPhone photo in HEIC/HEIF, which hoso cannot read or show to the council yet.
        case heic
        case imageTooLarge
        case damaged
        case activeContent
        /// The server could not read the PDF to check it (qpdf missing or too slow): refused, never let through.
        case uncheckable

        public var message: String {
            switch self {
            case .empty: "Tệp trống."
            case .tooLarge(let limit): "Tệp lớn hơn \(limit / 1_048_576) MB. Hãy chụp lại với độ phân giải thấp hơn hoặc nén tệp PDF."
            case .notAllowedType: "Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF."
            case .heic:
                "Ảnh HEIC (ảnh mặc định của iPhone) chưa được nhận. Trên iPhone, hãy chọn ảnh từ Thư viện ảnh trong Safari "
                    + "(ảnh được tự chuyển sang JPEG), hoặc vào Cài đặt → Camera → Định dạng → Tương thích nhất rồi chụp lại."
            case .imageTooLarge: "Ảnh có kích thước điểm ảnh quá lớn. Hãy chụp lại với độ phân giải thấp hơn."
            case .damaged: "Tệp bị hỏng hoặc không đầy đủ. Hãy chọn lại tệp."
            case .activeContent:
                "Tệp PDF có chứa mã lệnh, liên kết, biểu mẫu hoặc tệp đính kèm; hãy in ra PDF thông thường (hoặc chụp ảnh giấy tờ) rồi tải lên."
            case .uncheckable: "Máy chủ chưa kiểm tra được tệp PDF này. Hãy thử lại sau ít phút, hoặc tải lên ảnh chụp giấy tờ."
            }
        }
    }

    /// The largest accepted file: 5 MB.
    public static let maxBytes = 5 * 1_048_576
    /// The largest accepted image: 40 megapixels (a phone photo is about 12).
    public static let maxPixels = 40_000_000

    /// The kind of a file, or why it is refused.
    public static func inspect(_ bytes: [UInt8], maxBytes: Int = maxBytes) -> Result<Kind, Refusal> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count > maxBytes { return .failure(.tooLarge(limit: maxBytes)) }
        if looksLikeMarkup(bytes) { return .failure(.notAllowedType) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(bytes) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: Array("%PDF-".utf8)) { return pdf(bytes) }
        if isHEIF(bytes) { return .failure(.heic) }
        return .failure(.notAllowedType)
    }

    /// An ISO media file whose major brand is one of HEIF's (what iPhones save photos as).
    static func isHEIF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) else { return false }
        let brand = String(decoding: bytes[8..<12], as: UTF8.self)
        return ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "heif", "avif"].contains(brand)
    }

    /// HTML or script at the start makes a polyglot that a browser could run.
    static func looksLikeMarkup(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        return ["<html", "<script", "<svg", "<!doctype", "<?xml", "<body"].contains { head.contains($0) }
    }

    static func png(_ bytes: [UInt8]) -> Result<Kind, Refusal> {
        // IHDR follows the signature: length(4) "IHDR"(4) width(4) height(4).
        guard bytes.count >= 33, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return .failure(.damaged) }
        let width = bigEndian(bytes[16..<20])
        let height = bigEndian(bytes[20..<24])
        guard width > 0, height > 0 else { return .failure(.damaged) }
        guard width * height <= maxPixels else { return .failure(.imageTooLarge) }
        guard contains(bytes.suffix(64), Array("IEND".utf8)) else { return .failure(.damaged) }
        if contains(bytes, Array("PK\u{03}\u{04}".utf8)) { return .failure(.notAllowedType) }
        return .success(.png)
    }

    /// A JPEG's segments are walked to the frame header (its dimensions) and the start of the scan; the end marker
    /// must come after that. Data after the end marker is allowed: phones append their own (Samsung's motion photos,
    /// Google's depth maps), but never a zip.
    static func jpeg(_ bytes: [UInt8]) -> Result<Kind, Refusal> {
        var index = 2
        var size: (Int, Int)?
        var scanStart: Int?
        // Walk the segments: the frame header (SOF0…SOF15 except DHT/JPG/DAC) gives the dimensions; SOS ends the walk.
        while index + 9 < bytes.count, scanStart == nil {
            guard bytes[index] == 0xFF else { return .failure(.damaged) }
            let marker = bytes[index + 1]
            if marker == 0xFF {
                index += 1
                continue
            }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                size = (Int(bytes[index + 7]) << 8 | Int(bytes[index + 8]), Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]))
            }
            if marker == 0xDA { scanStart = index + 2 + length }
            if length < 2 { break }
            index += 2 + length
        }
        guard let (width, height) = size, width > 0, height > 0 else { return .failure(.damaged) }
        guard width * height <= maxPixels else { return .failure(.imageTooLarge) }
        guard let scanStart, scanStart < bytes.count, contains(bytes[scanStart...], [0xFF, 0xD9]) else {
            return .failure(.damaged)
        }
        if contains(bytes, Array("PK\u{03}\u{04}".utf8)) { return .failure(.notAllowedType) }
        return .success(.jpeg)
    }

    /// A PDF is read by a parser (``PDFStructure``), after a quick scan of the bytes for the plain marks.
    static func pdf(_ bytes: [UInt8]) -> Result<Kind, Refusal> {
        guard contains(bytes.suffix(2048), Array("%%EOF".utf8)) else { return .failure(.damaged) }
        for mark in ["/JavaScript", "/JS ", "/JS(", "/JS<", "/Launch", "/EmbeddedFile", "/RichMedia", "/OpenAction /JS"] {
            if contains(bytes, Array(mark.utf8)) { return .failure(.activeContent) }
        }
        switch PDFStructure.read(bytes) {
        case .plain: return .success(.pdf)
        case .active: return .failure(.activeContent)
        case .damaged: return .failure(.damaged)
        case .unchecked: return .failure(.uncheckable)
        }
    }

    static func bigEndian(_ slice: ArraySlice<UInt8>) -> Int {
        slice.reduce(0) { $0 << 8 | Int($1) }
    }

    static func contains<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8 {
        let bytes = Array(haystack)
        guard needle.count <= bytes.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if Array(bytes[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}
