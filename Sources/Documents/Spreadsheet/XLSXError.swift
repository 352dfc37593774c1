/// Why a spreadsheet could not be read. Every hostile or broken upload ends in one of these, never in a crash.
public enum XLSXError: Error, Sendable, Equatable {
    /// Not a ZIP archive at all (a random file, an old binary `.xls`, a password‑protected workbook).
    case notAnXLSXFile
    /// A ZIP archive without a spreadsheet workbook in it (a plain ZIP, a `.docx`).
    case missingWorkbook
    /// The workbook has no worksheet with this name (or no worksheet at all, with the name "").
    case sheetNotFound(String)
    /// The archive or one of its XML parts is damaged or uses something not supported; the text says what, in English.
    case malformed(String)
    /// The file, or what it expands to, is larger than the reader accepts.
    case tooLarge
}
