import Foundation

/// A folder of files that are written before the database row recording them commits and named only after: a file
/// is staged (written under a hidden name and flushed to disk), then published (renamed, all or nothing) once its row
/// committed, or removed when it did not. A process killed in between leaves only a staged file, which
/// ``staged(before:)`` lists for the caller to publish or remove by looking for its row.
public struct StagedFolder: Sendable {
    /// The folder.
    public let url: URL
    /// The prefix of a staged file's name.
    public static let prefix = ".staged-"

    public init(_ url: URL) { self.url = url }

    /// Writes `bytes` as the staged file `name`, flushed to disk.
    public func stage(_ bytes: [UInt8], name: String) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let file = url.appendingPathComponent(Self.prefix + name)
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(bytes))
        try handle.synchronize()
    }

    /// Gives the staged file `name` its name; `false` when there was none to rename.
    @discardableResult
    public func publish(_ name: String) -> Bool {
        rename(url.appendingPathComponent(Self.prefix + name).path, url.appendingPathComponent(name).path) == 0
    }

    /// The bytes of file `name`, or of its staged file when its rename was cut off.
    public func read(_ name: String) throws -> [UInt8] {
        if let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) { return Array(data) }
        return Array(try Data(contentsOf: url.appendingPathComponent(Self.prefix + name)))
    }

    /// Removes file `name`, staged or not.
    public func remove(_ name: String) {
        try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
        try? FileManager.default.removeItem(at: url.appendingPathComponent(Self.prefix + name))
    }

    /// The names (without the prefix) of the staged files last changed before `date`.
    public func staged(before date: Date) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return files.filter { $0.hasPrefix(Self.prefix) }.compactMap { file in
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(file).path)
            guard let changed = attributes?[.modificationDate] as? Date, changed < date else { return nil }
            return String(file.dropFirst(Self.prefix.count))
        }
    }

    /// Finishes the files staged before `date` (a process killed between a file and its row): publishes those whose
    /// row `isRecorded` says committed, removes the others; returns how many of each.
    public func finish(before date: Date, isRecorded: (String) async throws -> Bool) async throws -> (published: Int, removed: Int) {
        var result = (published: 0, removed: 0)
        for name in staged(before: date) {
            if try await isRecorded(name) {
                publish(name)
                result.published += 1
            } else {
                remove(name)
                result.removed += 1
            }
        }
        return result
    }
}
