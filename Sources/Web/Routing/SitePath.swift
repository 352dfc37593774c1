import Admissions
import Foundation
import Records
import Vapor

/// A value that can stand in one segment of a path: typed IDs, registration codes, UUIDs.
protocol PathValue: Sendable {
    /// The value as written in a path.
    var pathSegment: String { get }
    /// The value read back from a path segment; nil for anything that is not one.
    static func fromPath(_ segment: String) -> Self?
}

extension TypedID: PathValue {
    var pathSegment: String { description }
    static func fromPath(_ segment: String) -> Self? { Self(segment) }
}

extension RegistrationCode: PathValue {
    var pathSegment: String { symbols }
    static func fromPath(_ segment: String) -> Self? { Self(segment) }
}

/// A document's verification code as it is printed ("XXXXX-XXXXX"); the registry reads it back.
struct VerificationCode: PathValue {
    let text: String

    var pathSegment: String { text }
    static func fromPath(_ segment: String) -> Self? { segment.count <= 20 ? Self(text: segment) : nil }
}

extension UUID: PathValue {
    var pathSegment: String { uuidString.lowercased() }
    static func fromPath(_ segment: String) -> Self? { Self(uuidString: segment) }
}

/// A path pattern, `/admin/accounts/:id`, split into literal segments and named parameters.
struct PathPattern: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]

    init(_ pattern: String) {
        segments = pattern.split(separator: "/").map {
            $0.hasPrefix(":") ? .parameter(String($0.dropFirst())) : .literal(String($0))
        }
    }

    var parameterCount: Int { segments.filter { if case .parameter = $0 { true } else { false } }.count }

    /// The path with `values` in place of the parameters, in order, and the query items appended (percent-encoded).
    func path(_ values: [String], query: KeyValuePairs<String, String>) -> String {
        var next = values.makeIterator()
        let parts = segments.map { segment -> String in
            switch segment {
            case .literal(let text): text
            case .parameter: next.next().map(Self.escape) ?? ""
            }
        }
        let path = "/" + parts.joined(separator: "/")
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.escape($0.key))=\(Self.escape($0.value))" }.joined(separator: "&")
    }

    /// The pattern, as Vapor's router reads it.
    var components: [PathComponent] {
        segments.map {
            switch $0 {
            case .literal(let text): .constant(text)
            case .parameter(let name): .parameter(name)
            }
        }
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

/// A route of the site: registered through its pattern, linked through the value itself.
protocol SiteRoute: Sendable {
    var pattern: PathPattern { get }
}

/// A path without parameters: `Site.login()` is the link, `routes.get(Site.login, use:)` the route.
struct FixedPath: SiteRoute {
    let pattern: PathPattern

    init(_ pattern: String) {
        self.pattern = PathPattern(pattern)
        precondition(self.pattern.parameterCount == 0, "\(pattern): a fixed path has no parameters")
    }

    /// The path, with the query items appended.
    func callAsFunction(query: KeyValuePairs<String, String> = [:]) -> String { pattern.path([], query: query) }
}

/// A path with typed parameters, one for each `:name` of the pattern, in order: `Site.staffMember(id)` is the link,
/// `routes.get(Site.staffMember, use:)` the route, so the two cannot drift apart.
struct SitePath<each Parameter: PathValue>: SiteRoute {
    let pattern: PathPattern

    init(_ pattern: String) {
        self.pattern = PathPattern(pattern)
        var declared = 0
        for _ in repeat (each Parameter).self { declared += 1 }
        precondition(declared == self.pattern.parameterCount, "\(pattern): parameters in the pattern and in the type differ")
    }

    /// The path with `value`s in place of the parameters, and the query items appended.
    func callAsFunction(_ value: repeat each Parameter, query: KeyValuePairs<String, String> = [:]) -> String {
        var values: [String] = []
        for item in repeat each value { values.append(item.pathSegment) }
        return pattern.path(values, query: query)
    }
}

extension RoutesBuilder {
    /// Registers a GET handler at `path`.
    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ route: some SiteRoute, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, route.pattern.components, use: handler)
    }

    /// Registers a POST handler at `path`; `body` sets how much of an upload is collected.
    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ route: some SiteRoute, body: HTTPBodyStreamStrategy = .collect,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, route.pattern.components, body: body, use: handler)
    }
}

extension Request {
    /// The path parameter `name` as a typed value; a segment that is not one is a 404, as for an unknown page.
    func pathValue<Value: PathValue>(_ type: Value.Type = Value.self, _ name: String = "id") throws -> Value {
        guard let value = parameters.get(name).flatMap(Value.fromPath) else { throw RecordsError.notFound }
        return value
    }
}

extension Request {
    /// This request's query string ("" when nothing is left) with empty values dropped and `key` replaced by `value`
    /// (or dropped when nil): the links of a filtered list to its next page, its first page and its exports.
    func query(replacing key: String, with value: String?) -> String {
        var items = (URLComponents(string: url.string)?.queryItems ?? []).filter { $0.name != key && !($0.value ?? "").isEmpty }
        if let value { items.append(URLQueryItem(name: key, value: value)) }
        guard !items.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = items
        return "?" + (components.percentEncodedQuery ?? "")
    }
}
