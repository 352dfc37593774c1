import Foundation
import Records

/// `manifest.json` of a backup folder: what it holds, each file with its size and SHA-256, so that a restore can
/// refuse a backup that is damaged or incomplete before it touches anything.
struct BackupManifest: Codable, Equatable {
    struct Entry: Codable, Equatable {
        /// Path inside the backup folder, `/`-separated.
        let path: String
        let size: Int
        let sha256: String
    }

    static let fileName = "manifest.json"
    static let currentFormat = 1

    var format = Self.currentFormat
    /// When the snapshot was taken, ISO 8601 in UTC.
    var createdAt: String
    /// `sqlite` or `postgres`.
    var database: String
    /// The PostgreSQL schema dumped, when not the default one.
    var schema: String?
    /// The database snapshot first, then every stored file.
    var entries: [Entry]

    var totalSize: Int { entries.reduce(0) { $0 + $1.size } }
    var created: Date? { ISO8601DateFormatter().date(from: createdAt) }
}

/// Why a backup cannot be restored, or a restore cannot start, in Vietnamese with what to do.
struct BackupRefused: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Files of a backup: hashing, copying, walking a folder.
enum BackupFiles {
    static func sha256(_ url: URL) throws -> (size: Int, sha256: String) {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        return (data.count, SecureToken.sha256Hex([UInt8](data)))
    }

    /// Every regular file under `root`, as paths relative to it, sorted.
    static func files(under root: URL) -> [String] {
        let manager = FileManager.default
        guard let walker = manager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { paths.append(String(path.dropFirst(prefix.count))) }
        }
        return paths.sorted()
    }

    static func isEmptyFolder(_ url: URL) -> Bool {
        files(under: url).isEmpty
    }

    static func copy(_ source: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
    }

    /// Runs `executable` with `arguments`; returns stderr on a non-zero exit.
    static func run(_ executable: String, _ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: message, as: UTF8.self)
    }
}
