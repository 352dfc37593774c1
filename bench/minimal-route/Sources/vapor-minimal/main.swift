import Vapor

// GET /healthz → "ok" on Vapor with its default middleware (the error middleware) and nothing else, in production
// mode with logging at warning: the framework's floor under hoso's own /healthz.
var env = Environment(name: "production", arguments: ["vapor"])
env.arguments = ["vapor"]
let app = try await Application.make(env)
app.logger.logLevel = .warning
app.http.server.configuration.hostname = "127.0.0.1"
app.http.server.configuration.port = Int(ProcessInfo.processInfo.environment["HOSO_PORT"] ?? "") ?? 8090
app.get("healthz") { _ in "ok" }
try await app.execute()
try await app.asyncShutdown()
