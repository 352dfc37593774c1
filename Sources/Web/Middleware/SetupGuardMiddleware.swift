import Admissions
import Fluent
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
        // The memory copy answers on the event loop; only a cold or stale copy goes to the database.
        if let snapshot = cache.fresh() { return Self.guarded(request, snapshot, next) }
        return request.eventLoop.makeFutureWithTask {
            try await cache.value {
                guard let profile = try await request.domain.school.profile() else { return (nil, nil) }
                return (profile, try? await request.domain.school.currentYear().name)
            }
        }.flatMap { Self.guarded(request, $0, next) }
    }

    private static func guarded(
        _ request: Request, _ snapshot: SchoolSnapshot, _ next: any Responder
    ) -> EventLoopFuture<Response> {
        let cache = request.application.schoolCache
        if let profile = snapshot.profile {
            request.storage[SchoolProfileKey.self] = profile
            if let yearName = snapshot.yearName { request.storage[CurrentYearLabelKey.self] = yearName }
            // Only staff change the school, its year or a campaign; when they change anything, what is kept in memory
            // (and the public page built from it) is read again.
            guard request.method != .GET && request.isStaff else { return next.respond(to: request) }
            return next.respond(to: request).always { _ in
                cache.invalidate()
                request.application.landingPageCache.invalidate()
                request.application.campaignCache.invalidate()
            }
        }
        if request.url.path == Site.setup() {
            return next.respond(to: request).always { _ in cache.invalidate() }
        }
        return request.eventLoop.makeSucceededFuture(request.redirect(to: Site.setup(), redirectType: .normal))
    }
}

/// The school's profile and current year's name, read at most once per `maxAge` seconds.
typealias SchoolCache = KeptValue<SchoolSnapshot>
typealias SchoolSnapshot = (profile: SchoolProfile?, yearName: String?)

struct SchoolCacheKey: StorageKey { typealias Value = SchoolCache }

extension Application {
    /// Set up by `configure` before the server starts, so requests only read it.
    var schoolCache: SchoolCache { storage[SchoolCacheKey.self]! }
}
