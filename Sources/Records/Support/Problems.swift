/// Input a person can correct: problems listed by field, in the order the form shows them.
public struct FieldProblems: Error, Sendable, Equatable {
    /// One problem: the form field's name and a Vietnamese message.
    public struct Problem: Sendable, Equatable, Codable {
        public let field: String
        public let message: String
    }

    /// The problems, first field first.
    public private(set) var list: [Problem] = []

    public init() {}

    /// Creates the value with a single problem.
    public init(_ field: String, _ message: String) { add(field, message) }

    /// Adds a problem for `field`; only the first problem of each field is kept.
    public mutating func add(_ field: String, _ message: String) {
        guard !list.contains(where: { $0.field == field }) else { return }
        list.append(Problem(field: field, message: message))
    }

    /// Whether nothing is wrong.
    public var isEmpty: Bool { list.isEmpty }

    /// Problems keyed by field, for templates.
    public var byField: [String: String] {
        Dictionary(list.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    }

    /// Throws `self` when there is any problem.
    public func throwIfAny() throws {
        if !isEmpty { throw self }
    }
}
