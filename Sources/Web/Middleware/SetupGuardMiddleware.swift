import Admissions
import Fluent
import NIOConcurrencyHelpers
import Records
import Vapor

/// Until first‑run setup is done, every page leads to the setup form; afterwards the setup form is gone. Also puts
/// the school's profile and current year on the request — from a short‑lived memory copy, because every page needs
/// them and they change a few times a year (a change made here is seen at once; one made by another process, such
/// as `hoso demo`, within ``AppConfig/schoolCacheSeconds``).
struct SetupGuardMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if request.isStaticAsset { return next.respond(to: request) }
        let cache = request.application.schoolCache
        let maxAge = request.application.config.schoolCacheSeconds
        // The memory copy answers on the event loop; only a cold or stale copy goes to the database.
        if let snapshot = cache.fresh(maxAge: maxAge) { return Self.guarded(request, snapshot, next) }
        return request.eventLoop.makeFutureWithTask {
            try await cache.value(maxAge: maxAge) {
                guard let profile = try await request.domain.school.profile() else { return (nil, nil) }
                return (profile, try? await request.domain.school.currentYear().name)
            }
        }.flatMap { Self.guarded(request, $0, next) }
    }

    private static func guarded(
        _ request: Request, _ snapshot: SchoolCache.Snapshot, _ next: any Responder
    ) -> EventLoopFuture<Response> {
        let path = request.url.path
        let cache = request.application.schoolCache
        if let profile = snapshot.profile {
            request.storage[SchoolProfileKey.self] = profile
            if let yearName = snapshot.yearName { request.storage[CurrentYearLabelKey.self] = yearName }
            guard request.method != .GET && (changesSchool(path) || request.isStaff) else { return next.respond(to: request) }
            // Staff changing anything may have changed a campaign and so what a cached public page shows.
            return next.respond(to: request).always { _ in
                cache.invalidate()
                request.application.landingPageCache.invalidate()
                request.application.campaignCache.invalidate()
            }
        }
        if path == Site.setup() {
            return next.respond(to: request).always { _ in cache.invalidate() }
        }
        return request.eventLoop.makeSucceededFuture(request.redirect(to: Site.setup(), redirectType: .normal))
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

    /// The copy, if one was read less than `maxAge` seconds ago.
    func fresh(maxAge: Double) -> Snapshot? {
        guard maxAge > 0, let (snapshot, at) = box.withLockedValue({ $0 }), Date().timeIntervalSince(at) < maxAge else { return nil }
        return snapshot
    }

    func value(maxAge: Double, load: () async throws -> Snapshot) async throws -> Snapshot {
        if let snapshot = fresh(maxAge: maxAge) { return snapshot }
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
