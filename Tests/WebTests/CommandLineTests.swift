import Foundation
import Testing

/// The `hoso` executable as an operator runs it, in an empty folder.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let output: String
    }

    /// The `hoso` built beside this test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("hoso")
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOSO_DATA_DIR"] = folder.path
        environment["DATABASE_URL"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: [["--help"], ["serve", "--help"], ["routes"]])
    func describingTheProgramTouchesNoDatabase(_ arguments: [String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "no hoso at \(Self.executable.path)")
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(arguments, in: folder)
        #expect(run.status == 0, "\(run.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "it wrote into the folder")
        #expect(!run.output.contains("[ INFO ]"), "\(run.output)")
        if arguments == ["routes"] {
            #expect(run.output.contains("/tuyen-sinh/ho-so"))
        } else {
            #expect(run.output.contains("Usage") || run.output.contains("serve"), "\(run.output)")
        }
    }

    @Test func aStartWithNothingToMigrateSaysSoInOneLine() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "no hoso at \(Self.executable.path)")
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.run(["migrate"], in: folder)
        #expect(first.status == 0, "\(first.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("hoso.sqlite").path))
        let again = try Self.run(["migrate"], in: folder)
        #expect(again.status == 0, "\(again.output)")
        let logged = again.output.split(separator: "\n").filter { $0.contains("[ INFO ]") }
        #expect(logged == ["[ INFO ] database schema up to date"], "\(again.output)")
        #expect(again.output.contains("database schema up to date"))
    }
}
