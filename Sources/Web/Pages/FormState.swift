import Records
import Vapor

/// A form's values and problems, as templates read them: `form.values.name`, `form.problems.name`,
/// `form.problemList` for the error summary.
struct FormState: Encodable {
    var values: [String: String]
    var problems: [String: String]
    var problemList: [FieldProblems.Problem]

    init(values: [String: String] = [:], problems: FieldProblems = FieldProblems()) {
        self.values = values
        self.problems = problems.byField
        self.problemList = problems.list
    }
}

/// One option of a select, with whether it is chosen.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

extension Request {
    /// Renders `template` with `model` and the given status (422 for a form with problems).
    func render<Model: Encodable>(_ template: String, _ model: Model, status: HTTPStatus = .ok) async throws -> Response {
        let response = try await view.render(template, model).encodeResponse(for: self)
        response.status = status
        return response
    }
}

/// Parsing helpers for form fields people type.
enum FormInput {
    static func int(_ text: String?) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return Int(text)
    }

    static func date(_ text: String?) -> SchoolDate? {
        guard let text, !text.isEmpty else { return nil }
        return SchoolDate(vietnamese: text)
    }

    static func checked(_ text: String?) -> Bool {
        guard let text else { return false }
        return ["on", "true", "1", "yes"].contains(text.lowercased())
    }
}
