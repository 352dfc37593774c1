import Foundation

/// Runs the command-line tools that check PDFs independently of the code that made them (Poppler, zbar). A missing
/// tool is an error, not a skip: a green run must mean the PDFs were really checked.
public enum Poppler {
    public struct ToolFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `bytes` to a new temporary file and returns its URL.
    public static func write(_ bytes: [UInt8], name: String = "document") throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hoso-documents-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("\(name).pdf")
        try Data(bytes).write(to: url)
        return url
    }

    /// The text of the whole file, or of page `page` only.
    public static func text(_ pdf: URL, page: Int? = nil) throws -> String {
        var arguments = ["-enc", "UTF-8"]
        if let page { arguments += ["-f", "\(page)", "-l", "\(page)"] }
        return try run("pdftotext", arguments + [pdf.path, "-"], package: "poppler-utils")
    }

    /// `pdfinfo`'s fields, e.g. `["Pages": "2", "Title": "…"]`.
    public static func info(_ pdf: URL) throws -> [String: String] {
        let output = try run("pdfinfo", ["-enc", "UTF-8", pdf.path], package: "poppler-utils")
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    public static func pageCount(_ pdf: URL) throws -> Int {
        guard let pages = try info(pdf)["Pages"].flatMap(Int.init) else { throw ToolFailed(description: "no page count") }
        return pages
    }

    /// One row per font: its name and whether `pdffonts` says it is embedded.
    public static func fonts(_ pdf: URL) throws -> [(name: String, embedded: Bool)] {
        let output = try run("pdffonts", [pdf.path], package: "poppler-utils")
        // Columns: name type encoding emb sub uni object ID; the type may contain spaces ("CID TrueType"),
        // so read emb from the right: emb sub uni obj gen.
        return output.split(separator: "\n").dropFirst(2).map { line in
            let words = line.split(separator: " ")
            return (String(words.first ?? ""), words.count >= 5 && words[words.count - 5] == "yes")
        }
    }

    /// What `zbarimg` reads from the QR codes on page `page`, rasterised at 200 dpi.
    public static func qrCodes(_ pdf: URL, page: Int = 1) throws -> [String] {
        let prefix = pdf.deletingPathExtension().path + "-qr"
        _ = try run(
            "pdftoppm", ["-r", "200", "-png", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf.path, prefix],
            package: "poppler-utils")
        let output = try run("zbarimg", ["--raw", "-q", prefix + ".png"], package: "zbar-tools")
        return output.split(separator: "\n").map(String.init)
    }

    /// Rasterises page `page` to a PNG next to the PDF (or at `output`, without extension) and returns its path.
    @discardableResult
    public static func png(_ pdf: URL, page: Int = 1, dpi: Int = 100, output: String? = nil) throws -> String {
        let prefix = output ?? pdf.deletingPathExtension().path + "-page\(page)"
        _ = try run(
            "pdftoppm", ["-r", "\(dpi)", "-png", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf.path, prefix],
            package: "poppler-utils")
        return prefix + ".png"
    }

    public static func run(_ tool: String, _ arguments: [String], package: String) throws -> String {
        try runKeepingErrors(tool, arguments, package: package).output
    }

    /// What `tool` printed on standard output and on standard error (Poppler's "Syntax Error" lines go there even
    /// when it exits 0).
    public static func runKeepingErrors(_ tool: String, _ arguments: [String], package: String) throws -> (output: String, errors: String) {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw ToolFailed(description: "\(tool) is not installed (Debian package \(package))") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a full pipe would block the tool and the wait forever.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailed(
                description: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
                    + (String(data: message, encoding: .utf8) ?? ""))
        }
        return (String(decoding: data, as: UTF8.self), String(decoding: message, as: UTF8.self))
    }
}
