import Foundation

/// A PDF's objects as a parser sees them, for the upload check: Debian's `qpdf` reads the file (cross-reference
/// tables and streams, objects inside object streams, names with `#xx` escapes decoded) and writes every object as
/// JSON, and the check walks every dictionary key and every name value. A byte scan cannot see `/J#61vaScript` or an
/// action compressed inside an object stream; this can.
enum PDFStructure {
    /// What reading a file found.
    enum Finding: Equatable {
        /// Readable, with no name that makes a PDF act (scripts, launches, links, forms, embedded files).
        case plain
        /// Readable, and using this name.
        case active(String)
        /// qpdf could not read it.
        case damaged
        /// qpdf is missing or did not answer in time.
        case unchecked
    }

    /// Names that make a PDF do something when opened, clicked or filled in, or carry another file: the file is
    /// refused. `/OpenAction` itself is allowed (printers use it to open at a page); its action's `/S` is checked.
    static let activeNames: Set<String> = [
        "/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/AA", "/URI", "/SubmitForm",
        "/XFA", "/ImportData", "/GoToR", "/GoToE", "/Sound", "/Movie", "/Rendition",
    ]

    /// The `qpdf` used, found in the usual places.
    static let qpdf: String? = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Reads the file with qpdf (at most 10 seconds) and looks for an active name.
    static func read(_ bytes: [UInt8]) -> Finding {
        guard let qpdf else { return .unchecked }
        let folder = FileManager.default.temporaryDirectory
        let file = folder.appendingPathComponent("hoso-upload-\(UUID().uuidString).pdf")
        do {
            try Data(bytes).write(to: file, options: [.atomic])
        } catch {
            return .unchecked
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["10", qpdf, "--json=2", "--json-key=qpdf", "--json-stream-data=none", "--", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .unchecked
        }
        let json = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // 0: read; 3: read with warnings (a repaired cross-reference table, as many scanners write); 2: unreadable;
        // 124: timed out.
        switch process.terminationStatus {
        case 0, 3: break
        case 124: return .unchecked
        default: return .damaged
        }
        guard let document = try? JSONSerialization.jsonObject(with: json) else { return .damaged }
        if let name = firstActiveName(in: document) { return .active(name) }
        return .plain
    }

    /// The first active name used as a dictionary key or a name value anywhere in qpdf's JSON.
    static func firstActiveName(in value: Any) -> String? {
        var pending: [Any] = [value]
        while let next = pending.popLast() {
            if let dictionary = next as? [String: Any] {
                for (key, child) in dictionary {
                    if activeNames.contains(key) { return key }
                    pending.append(child)
                }
            } else if let array = next as? [Any] {
                pending.append(contentsOf: array)
            } else if let name = next as? String, activeNames.contains(name) {
                return name
            }
        }
        return nil
    }
}
