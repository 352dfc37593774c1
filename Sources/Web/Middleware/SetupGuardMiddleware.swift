import Fluent
import Records
import Vapor

/// Until first‑run setup is done, every page leads to the setup form; afterwards the setup form is gone.
struct SetupGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if request.isStaticAsset { return try await next.respond(to: request) }
        if let profile = try await request.domain.school.profile() {
            request.storage[SchoolProfileKey.self] = profile
            if let year = try? await request.domain.school.currentYear() {
                request.storage[CurrentYearLabelKey.self] = year.name
            }
            return try await next.respond(to: request)
        }
        if path == Paths.setup { return try await next.respond(to: request) }
        return request.redirect(to: Paths.setup, redirectType: .normal)
    }
}
