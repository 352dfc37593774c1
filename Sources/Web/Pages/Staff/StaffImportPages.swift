import Foundation
import Records
import Vapor

extension StaffPages {
    struct ImportPage: Encodable {
        let layout: Layout
        let form: FormState
    }

    struct ImportForm: Content {
        var file: File?
    }

    /// The columns' meanings as the preview's form posts them (`column-0`, `column-1`, …).
    static func columns(_ form: [String: String]) -> [Int: StaffColumn] {
        var result: [Int: StaffColumn] = [:]
        for (key, value) in form where key.hasPrefix("column-") {
            if let position = Int(key.dropFirst(7)), let column = StaffColumn(rawValue: value) { result[position] = column }
        }
        return result
    }

    struct ColumnChoice: Encodable {
        let field: String
        let header: String
        let options: [SelectOption]
    }

    struct ImportPreviewPage: Encodable {
        let layout: Layout
        let filename: String
        let payload: String
        let lines: [ImportLine]
        let badCount: Int
        let importable: Bool
        let columns: [ColumnChoice]
    }

    struct ImportLine: Encodable {
        let line: Int
        let name: String
        let username: String
        let contact: String
        let roles: String
        let homeroom: String
        let problems: [String]
        let notes: [String]

        init(_ line: StaffImportLine) {
            self.line = line.line
            name = line.name.full
            username = line.username
            contact = [line.email, line.phone].filter { !$0.isEmpty }.joined(separator: " · ")
            roles = line.roles.map(\.label).joined(separator: ", ")
            homeroom = line.homeroomClass
            problems = line.problems
            notes = line.notes
        }
    }
}
