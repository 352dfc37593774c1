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

    /// The file comes back with the commit (a staff list is a few kilobytes): it is read and checked again, so
    /// nothing the page shows is trusted.
    struct CommitForm: Content {
        var payload: String?
        var filename: String?
    }

    struct ImportPreviewPage: Encodable {
        let layout: Layout
        let filename: String
        let payload: String
        let lines: [ImportLine]
        let badCount: Int
        let importable: Bool
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
