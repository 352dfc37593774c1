import Foundation
import Records
import Vapor

/// What a grid page's script reads and receives as JSON (`Accept: application/json` on the grid's own address):
/// each pupil's saved values by form field and their version, the pupils a save did not take because another device
/// saved them first, and the problems by field.
struct LiveGridState: Content {
    struct Line: Content {
        let version: Int
        let by: String
        let fields: [String: String]
    }

    let lines: [String: Line]
    let conflicts: [String]
    let problems: [String: String]
    let open: Bool
    let savedAt: String

    init(lines: [String: Line], conflicts: [StudentID] = [], problems: FieldProblems = FieldProblems(), open: Bool) {
        self.lines = lines
        self.conflicts = conflicts.map(\.description)
        self.problems = problems.byField
        self.open = open
        self.savedAt = Timestamps.display(Date())
    }

    /// The state of a subject grid.
    init(_ grid: SubjectGrid, problems: FieldProblems = FieldProblems()) {
        let lines = grid.lines.filter(\.attending).map { line -> (String, Line) in
            let id = line.studentID.description
            let fields = [
                "level-\(id)": line.level ?? "", "score-\(id)": line.score.map(String.init) ?? "", "comment-\(id)": line.comment,
            ]
            return (id, Line(version: line.version, by: line.updatedBy ?? "", fields: fields))
        }
        self.init(lines: Dictionary(uniqueKeysWithValues: lines), conflicts: grid.conflicts, problems: problems, open: grid.isOpen)
    }

    /// The state of a homeroom grid.
    init(_ grid: HomeroomGrid, problems: FieldProblems = FieldProblems()) {
        let lines = grid.lines.filter(\.attending).map { line -> (String, Line) in
            let id = line.studentID.description
            var fields = ["comment|\(id)": line.comment]
            for item in grid.items { fields["\(item.key)|\(id)"] = line.levels[item.key] ?? "" }
            return (id, Line(version: line.version, by: line.updatedBy ?? "", fields: fields))
        }
        self.init(lines: Dictionary(uniqueKeysWithValues: lines), conflicts: grid.conflicts, problems: problems, open: grid.isOpen)
    }

    func response(status: HTTPStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(self, as: .json)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

extension Request {
    /// Whether the page's script asked for the grid's state rather than the page: `Accept` names JSON first
    /// (a browser's navigation accepts `*/*` too, which must still get the page).
    var wantsJSON: Bool { headers.first(name: .accept)?.lowercased().hasPrefix("application/json") ?? false }
}

extension AssessmentPages {
    /// The version each pupil's line was typed on, as a grid's script posts it (`base-<student>`).
    static func base(_ form: [String: String], _ student: StudentID) -> Int? {
        FormInput.int(form["base-\(student)"])
    }
}
