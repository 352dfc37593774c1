import Fluent
import NIOConcurrencyHelpers
import Records
import Vapor

/// Until first‑run setup is done, every page leads to the setup form; afterwards the setup form is gone. Also puts
/// the school's profile and current year on the request — from a short‑lived memory copy, because every page needs
/// them and they change a few times a year (a change made here is seen at once; one made by another process, such
/// as `hoso demo`, within ``AppConfig/schoolCacheSeconds``).
struct SetupGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if request.isStaticAsset { return try await next.respond(to: request) }
        let cache = request.application.schoolCache
        let (profile, yearName) = try await cache.value(maxAge: request.application.config.schoolCacheSeconds) {
            guard let profile = try await request.domain.school.profile() else { return (nil, nil) }
            return (profile, try? await request.domain.school.currentYear().name)
        }
        if let profile {
            request.storage[SchoolProfileKey.self] = profile
            if let yearName { request.storage[CurrentYearLabelKey.self] = yearName }
            defer { if request.method != .GET && Self.changesSchool(path) { cache.invalidate() } }
            return try await next.respond(to: request)
        }
        if path == Site.setup() {
            defer { cache.invalidate() }
            return try await next.respond(to: request)
        }
        return request.redirect(to: Site.setup(), redirectType: .normal)
    }

    /// Pages whose forms can change the profile or the current year.
    static func changesSchool(_ path: String) -> Bool {
        path.hasPrefix(Site.schoolArea() + "/") || path.hasPrefix(Site.setup()) || path.hasPrefix(Site.adminArea() + "/")
    }
}

/// The school's profile and current year's name, read at most once per `maxAge` seconds.
final class SchoolCache: Sendable {
    typealias Snapshot = (profile: SchoolProfile?, yearName: String?)
    private let box = NIOLockedValueBox<(Snapshot, Date)?>(nil)

    func value(maxAge: Double, load: () async throws -> Snapshot) async throws -> Snapshot {
        if maxAge > 0, let (snapshot, at) = box.withLockedValue({ $0 }), Date().timeIntervalSince(at) < maxAge { return snapshot }
        let fresh = try await load()
        box.withLockedValue { $0 = (fresh, Date()) }
        return fresh
    }

    func invalidate() { box.withLockedValue { $0 = nil } }
}

struct SchoolCacheKey: StorageKey { typealias Value = SchoolCache }

extension Application {
    /// Set up by `configure` before the server starts, so requests only read it.
    var schoolCache: SchoolCache { storage[SchoolCacheKey.self]! }
}
