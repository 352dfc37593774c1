import Foundation
import Hummingbird
import Logging

// GET /healthz → "ok" on Hummingbird 2 with no middleware, logging at warning.
var logger = Logger(label: "minimal")
logger.logLevel = .warning
let router = Router()
router.get("healthz") { _, _ in "ok" }
let port = Int(ProcessInfo.processInfo.environment["HOSO_PORT"] ?? "") ?? 8091
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
try await app.runService()
