import Records
import Vapor

/// The assessment rules in force for each grade of the current year, and where they come from.
struct RulebooksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.rulebooks, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.viewSchool)
        let grade = (try? req.query.get(Int.self, at: "grade")).flatMap { (1...5).contains($0) ? $0 : nil } ?? 1
        let year = try await req.domain.school.currentYear()
        let subjects = try await req.domain.subjects.list(grade: grade, by: caller).filter(\.isActive)
        return try await req.render(
            "school/rulebooks",
            RulebookPages.page(
                layout: req.layout("Quy định đánh giá", active: Site.subjects()), yearName: year.name, grade: grade,
                subjects: subjects))
    }
}
