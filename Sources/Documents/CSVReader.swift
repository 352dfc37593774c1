import Foundation

/// Reads CSV as spreadsheets save it: UTF‑8 with or without a byte‑order mark, comma, semicolon or tab separators
/// (chosen from the header line), quoted fields with doubled quotes and line breaks inside, CRLF or LF.
public enum CSVReader {
    /// Why a file could not be read at all.
    public enum Problem: Error, Sendable, Equatable {
        /// Not UTF‑8 text (for example a file saved in a legacy code page, or a binary file).
        case notText
        /// A quoted field never ends.
        case unterminatedQuote(line: Int)
    }

    /// The rows of `data`, each a list of fields; empty lines are skipped.
    public static func rows(_ data: [UInt8]) throws -> [[String]] {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { throw Problem.notText }
        return try rows(text)
    }

    /// The rows of `text`.
    public static func rows(_ text: String) throws -> [[String]] {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let counts = [",", ";", "\t"].map { mark in (Character(mark), firstLine.filter { $0 == Character(mark) }.count) }
        let separator = counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        func endRow() {
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].trimmingCharacters(in: .whitespaces).isEmpty) { rows.append(row) }
            row = []
        }
        while let character = next() {
            if inQuotes {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            pending = following
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: inQuotes = true
            case separator:
                row.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
            default: field.append(character)
            }
        }
        if inQuotes { throw Problem.unterminatedQuote(line: line) }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }
}
