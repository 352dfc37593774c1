import Foundation
import Records
import Vapor

/// The page models of `AssessmentController`.
enum AssessmentPages {
    struct WindowsPage: Encodable {
        let pending: [UnlockRow]
        /// Checkpoints whose results families see, and those not released yet.
        let released: [String]
        let releasable: [SelectOption]
        let layout: Layout
        let yearName: String
        let rows: [WindowRow]
        let canControl: Bool
        let grades: [SelectOption]
        let checkpoints: [SelectOption]
        let form: FormState
    }

    struct WindowRow: Encodable {
        let grade: Int
        let checkpoint: String
        let opensOn: String
        let closesOn: String
        let open: Bool
        let updatedBy: String
    }

    struct UnlockRow: Encodable {
        let what: String
        let reason: String
        let requestedBy: String
        let requestedAt: String
        let action: String
        let gridPath: String
    }

    struct WindowForm: Content {
        var grade: String?
        var checkpoint: String?
        var opensOn: String?
        var closesOn: String?
    }

    struct GridPage: Encodable {
        let layout: Layout
        let heading: String
        let rulebook: String
        let testDue: Bool
        let status: String
        let isOpen: Bool
        let canWrite: Bool
        let action: String
        let donePath: String
        let unlockPath: String
        let xlsxPath: String
        let uploadPath: String
        /// Whether the teacher may ask for the grid to be unlocked (it is closed and nothing waits).
        let canRequestUnlock: Bool
        let unlockPending: Bool
        let checkpoints: [SelectOption]
        let levels: [String]
        let rows: [GridRow]
        let draftKey: String
        let version: Int
        let problems: [String]
        /// The comment bank's phrases, inserted into the comment being typed with one tap.
        var phrases: [String] = []
        /// Where the class's teachers sign the summary tables.
        var signingPath = ""
    }

    struct GridRow: Encodable {
        let pupil: String
        let version: Int
        /// Shows what was typed or uploaded rather than what is stored: the page's script keeps it until Lưu.
        let unsaved: Bool
        let position: Int
        let name: String
        let attending: Bool
        let levelField: String
        let level: String
        let scoreField: String
        let score: String
        let commentField: String
        let comment: String
        let problem: String?
    }

    /// The grid as the page shows it; `typed` (a refused form) replaces what is stored.
    static func grid(
        _ grid: SubjectGrid, layout: Layout, canWrite: Bool, action: String, donePath: String, unlockPath: String, xlsxPath: String,
        uploadPath: String, typed: [String: String]? = nil,
        problems: FieldProblems = FieldProblems()
    ) -> GridPage {
        let status: String
        if grid.unlocked {
            status = "Hiệu trưởng đã mở khoá: sửa xong, bấm “Đánh dấu hoàn thành” để khoá lại."
        } else if let by = grid.lockedBy {
            status = "Đã hoàn thành và khoá (\(by)). Muốn sửa, cần hiệu trưởng mở khoá."
        } else if let window = grid.window {
            status =
                grid.isOpen
                ? "Đang mở nhập đến hết \(window.closesOn.display)."
                : "Không trong thời gian nhập (\(window.opensOn.display) – \(window.closesOn.display))."
        } else {
            status = "Hiệu trưởng chưa mở nhập \(grid.checkpoint.code) cho khối \(grid.grade)."
        }
        let rows = grid.lines.map { line in
            let id = line.studentID.description
            let fields = ("level-\(id)", "score-\(id)", "comment-\(id)")
            let messages = ["-level", "-score", "-comment", ""].compactMap { problems.byField["pupil-\(id)\($0)"] }
            return GridRow(
                pupil: id, version: line.version, unsaved: typed != nil, position: line.position, name: line.name.full,
                attending: line.attending,
                levelField: fields.0, level: typed?[fields.0] ?? line.level ?? "",
                scoreField: fields.1, score: typed?[fields.1] ?? line.score.map(String.init) ?? "",
                commentField: fields.2, comment: typed?[fields.2] ?? line.comment,
                problem: messages.isEmpty ? nil : messages.joined(separator: " "))
        }
        return GridPage(
            layout: layout, heading: "\(grid.subject.name) · lớp \(grid.className) · \(grid.checkpoint.label)",
            rulebook: grid.rulebook.name, testDue: grid.testDue, status: status, isOpen: grid.isOpen, canWrite: canWrite && grid.isOpen,
            action: action, donePath: donePath, unlockPath: unlockPath, xlsxPath: xlsxPath, uploadPath: uploadPath,
            canRequestUnlock: canWrite && !grid.isOpen && !grid.unlockPending && (grid.lockedBy != nil || grid.window != nil),
            unlockPending: grid.unlockPending,
            checkpoints: Checkpoint.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == grid.checkpoint) },
            levels: grid.rulebook.subjectLevels.map(\.code), rows: rows,
            draftKey: "hoso-assessment-\(grid.classID)-\(grid.subject.id)-\(grid.checkpoint.rawValue)", version: grid.version,
            problems: problems.list.map(\.message))
    }
}
