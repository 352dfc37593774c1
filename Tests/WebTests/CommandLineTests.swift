import Admissions
import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOPosix
import Records
import SQLKit
import TestSupport
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

    static func run(_ arguments: [String], in folder: URL, setting extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOSO_DATA_DIR"] = folder.path
        environment["DATABASE_URL"] = nil
        environment.merge(extra) { $1 }
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

    @Test func anOperatorBacksUpAndRestoresIntoAnEmptyFolderOnly() throws {
        let school = try Self.emptyFolder()
        #expect(try Self.run(["migrate"], in: school).status == 0)
        try FileManager.default.createDirectory(at: school.appendingPathComponent("uploads/ab"), withIntermediateDirectories: true)
        try Data("giấy khai sinh".utf8).write(to: school.appendingPathComponent("uploads/ab/tep.pdf"))
        let backup = try Self.run(["backup"], in: school)
        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.output.contains("Đã sao lưu vào"))
        let folder = try #require(
            try FileManager.default.contentsOfDirectory(atPath: school.appendingPathComponent("backups").path).first {
                $0.hasPrefix("hoso-")
            })
        let path = school.appendingPathComponent("backups/" + folder).path
        let fresh = try Self.emptyFolder()
        let restored = try Self.run(["restore", path], in: fresh)
        #expect(restored.status == 0, "\(restored.output)")
        #expect(try Data(contentsOf: fresh.appendingPathComponent("uploads/ab/tep.pdf")) == Data("giấy khai sinh".utf8))
        #expect(try Self.run(["verify-audit"], in: fresh).status == 0)
        let again = try Self.run(["restore", path], in: fresh)
        #expect(again.status == 1)
        #expect(again.output.contains("không trống") || again.output.contains("Đã có cơ sở dữ liệu"))
        let notABackup = try Self.run(["restore", school.path], in: try Self.emptyFolder())
        #expect(notABackup.status == 1)
        #expect(notABackup.output.contains("không phải bản sao lưu hoàn chỉnh"))
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

    /// The verifiers end with status 0 when everything matches and 1, with their finding, when it does not (they
    /// used to crash with status 132 after printing it).
    @Test func bothVerifiersExitOneWithTheirFindingWhenSomethingDiffers() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "no hoso at \(Self.executable.path)")
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.run(["migrate"], in: folder).status == 0)
        let file = folder.appendingPathComponent("hoso.sqlite").path
        try await Self.withFile(file) { db in
            // A drawn campaign with three verified applications.
            let p = try await PortalFixture.make(db)
            let principal = try await p.fixture.principalCaller()
            _ = try await verifiedApplicants(p, count: 3)
            let draws = DrawService(database: db, clock: p.fixture.clock.function)
            _ = try await draws.announce(p.campaign.id, publicValue: "XSKT 10/07/2027: 12345", by: principal)
            p.fixture.clock.advance(p.campaign.windows.reviewUntil.timeIntervalSince(p.fixture.clock.now) + 60)
            _ = try await draws.draw(p.campaign.id, by: principal)
        }
        let audit = try Self.run(["verify-audit"], in: folder)
        #expect(audit.status == 0, "\(audit.output)")
        let lottery = try Self.run(["lottery-verify"], in: folder)
        #expect(lottery.status == 0, "\(lottery.output)")
        #expect(lottery.output.contains("kết quả bốc thăm khớp"))

        try await Self.withFile(file) { db in
            try await db.sql().raw("UPDATE audit_entries SET summary = 'sửa lén' WHERE seq = 2").run()
            try await db.sql().raw("UPDATE admission_applications SET status = 'notEligible'").run()
        }
        let brokenAudit = try Self.run(["verify-audit"], in: folder)
        #expect(brokenAudit.status == 1, "\(brokenAudit.output)")
        #expect(brokenAudit.output.contains("Nhật ký bị hỏng tại mục số 2"))
        #expect(!brokenAudit.output.contains("Fatal error"))
        let brokenDraw = try Self.run(["lottery-verify"], in: folder)
        #expect(brokenDraw.status == 1, "\(brokenDraw.output)")
        #expect(brokenDraw.output.contains("chỗ không khớp"))
        #expect(!brokenDraw.output.contains("Fatal error"))
    }

    /// The once-a-minute jobs run under `hoso serve` only: a one-off command that outlasts the job interval neither
    /// takes a job's lease nor runs a job while it shuts its database down (CI saw `hoso demo` die with SIGILL so).
    @Test func aOneOffCommandRunsNoBackgroundJob() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "no hoso at \(Self.executable.path)")
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = try Self.run(["demo"], in: folder, setting: ["HOSO_JOB_INTERVAL": "1"])
        #expect(demo.status == 0, "\(demo.output)")
        #expect(demo.output.contains("Đợt tuyển sinh mẫu"))
        try await Self.withFile(folder.appendingPathComponent("hoso.sqlite").path) { db in
            let leases = try await db.sql().raw("SELECT COUNT(*) AS n FROM job_leases").first(decoding: Count.self)
            #expect(leases?.n == 0, "a job ran during hoso demo")
        }
    }

    struct Count: Decodable { let n: Int }

    /// Runs `body` on the SQLite file at `path` (already migrated by `hoso migrate`), then closes it.
    static func withFile(_ path: String, _ body: @Sendable (any Database) async throws -> Void) async throws {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(path)), as: .sqlite)
        let db = databases.database(logger: Logger(label: "hoso.tests"), on: MultiThreadedEventLoopGroup.singleton.any())!
        do {
            try await body(db)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        await databases.shutdownAsync()
    }
}
