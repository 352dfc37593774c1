import Foundation
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        #if !DEBUG
            // A release build serves as production unless told otherwise: Leaf reads and parses every template again on
            // every request in Vapor's default development environment (13 % of the CPU in bench/opening-day).
            if ProcessInfo.processInfo.environment["VAPOR_ENV"] == nil,
                !CommandLine.arguments.contains(where: { $0 == "--env" || $0 == "-e" || $0.hasPrefix("--env=") })
            {
                env = Environment(name: Environment.production.name, arguments: env.arguments)
            }
        #endif
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            var config = try AppConfig(environment: ProcessInfo.processInfo.environment)
            if Self.onlyDescribes(CommandLine.arguments.dropFirst()) {
                config.storage = .none
                config.migrateOnStart = false
            }
            if !Self.serves(CommandLine.arguments.dropFirst()) {
                // The once-a-minute jobs run under `hoso serve` only, never during `hoso demo`, `hoso backup` or
                // another one-off command.
                config.runsBackgroundJobs = false
            }
            if CommandLine.arguments.dropFirst().first == "restore" {
                // A restore writes into an empty place: nothing may create or migrate the database first.
                config.migrateOnStart = false
                if case .sqliteFile(let path) = config.storage {
                    RestoreCommand.sqliteTarget = path
                    config.storage = .none
                }
            }
            try await configure(app, config)
            try await app.execute()
        } catch is CommandFailed {
            // The command has said what it found; the exit status tells scripts.
            try? await app.asyncShutdown()
            exit(1)
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            exit(1)
        }
        try await app.asyncShutdown()
    }

    /// Whether the command line starts the server: `serve`, or no command at all.
    static func serves(_ arguments: ArraySlice<String>) -> Bool {
        guard let command = arguments.first, !command.hasPrefix("-") else { return true }
        return command == "serve"
    }

    /// Whether the command line only asks for help or the route list, which must neither create nor migrate a
    /// database in the current folder.
    static func onlyDescribes(_ arguments: ArraySlice<String>) -> Bool {
        arguments.first == "routes" || arguments.contains { $0 == "--help" || $0 == "-h" }
    }
}
