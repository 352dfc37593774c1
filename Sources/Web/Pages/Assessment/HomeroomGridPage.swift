import Foundation
import Records
import Vapor

extension AssessmentPages {
    struct HomeroomPage: Encodable {
        let layout: Layout
        let heading: String
        let status: String
        let canWrite: Bool
        let action: String
        let donePath: String
        let unlockPath: String
        let canRequestUnlock: Bool
        let unlockPending: Bool
        let summaryPDFPath: String
        let summaryXLSXPath: String
        let bookPath: String
        /// Whether the principal approved the checkpoint's summary table, when the rulebook asks for it.
        let approval: String?
        let approvePath: String?
        let checkpoints: [SelectOption]
        let items: [HomeroomColumn]
        let levels: [String]
        let rows: [HomeroomRow]
        let draftKey: String
        let version: Int
        let problems: [String]
        /// The comment bank's phrases, inserted into the comment being typed with one tap.
        var phrases: [String] = []
        /// Where the class's teachers sign the summary tables.
        var signingPath = ""
    }

    /// Where the homeroom grid's forms and printouts go.
    struct HomeroomPaths {
        let action: String
        let done: String
        let unlock: String
        let summaryPDF: String
        let summaryXLSX: String
        let approve: String
        let book: String
    }

    struct HomeroomColumn: Encodable {
        let name: String
        let kind: String
    }

    struct HomeroomCell: Encodable {
        /// The quality's or competency's name, as the phone layout labels the cell.
        let column: String
        let field: String
        let value: String
        let label: String
    }

    struct HomeroomRow: Encodable {
        let pupil: String
        let version: Int
        /// Shows what was typed or uploaded rather than what is stored: the page's script keeps it until Lưu.
        let unsaved: Bool
        let position: Int
        let name: String
        let attending: Bool
        let cells: [HomeroomCell]
        let commentField: String
        let comment: String
    }

    /// The homeroom grid as the page shows it; `typed` (a refused form) replaces what is stored. Cells are posted as
    /// `<item>|<student>` (the item keys hold no "|").
    static func homeroom(
        _ grid: HomeroomGrid, layout: Layout, canWrite: Bool, paths: HomeroomPaths, summary: ClassSummary, canApprove: Bool,
        typed: [String: String]? = nil, problems: FieldProblems = FieldProblems()
    ) -> HomeroomPage {
        let approvable = summary.rulebook.approvedCheckpoints.contains(grid.checkpoint)
        let status: String
        if grid.unlocked {
            status = "Hiệu trưởng đã mở khoá: sửa xong, bấm “Đánh dấu hoàn thành” để khoá lại."
        } else if let by = grid.lockedBy {
            status = "Đã hoàn thành và khoá (\(by)). Muốn sửa, cần hiệu trưởng mở khoá."
        } else {
            status =
                grid.isOpen
                ? "Đang mở nhập\(grid.window.map { " đến hết \($0.closesOn.display)" } ?? "")."
                : "Không trong thời gian nhập \(grid.checkpoint.code) của khối \(grid.grade)."
        }
        let rows = grid.lines.map { line in
            let id = line.studentID.description
            return HomeroomRow(
                pupil: id, version: line.version, unsaved: typed != nil, position: line.position, name: line.name.full,
                attending: line.attending,
                cells: grid.items.map { item in
                    let field = "\(item.key)|\(id)"
                    return HomeroomCell(
                        column: item.name, field: field, value: typed?[field] ?? line.levels[item.key] ?? "",
                        label: "\(item.name) của \(line.name.full)")
                },
                commentField: "comment|\(id)", comment: typed?["comment|\(id)"] ?? line.comment)
        }
        return HomeroomPage(
            layout: layout, heading: "Phẩm chất, năng lực · lớp \(grid.className) · \(grid.checkpoint.label)", status: status,
            canWrite: canWrite && grid.isOpen, action: paths.action, donePath: paths.done, unlockPath: paths.unlock,
            canRequestUnlock: canWrite && !grid.isOpen && !grid.unlockPending && (grid.lockedBy != nil || grid.window != nil),
            unlockPending: grid.unlockPending, summaryPDFPath: paths.summaryPDF, summaryXLSXPath: paths.summaryXLSX, bookPath: paths.book,
            approval: AssessmentPrintouts.approvalLine(summary),
            approvePath: canApprove && approvable && summary.approval?.current != true ? paths.approve : nil,
            checkpoints: Checkpoint.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == grid.checkpoint) },
            items: grid.items.map { HomeroomColumn(name: $0.name, kind: $0.kind) }, levels: grid.rulebook.competenceLevels.map(\.code),
            rows: rows, draftKey: "hoso-homeroom-\(grid.classID)-\(grid.checkpoint.rawValue)", version: grid.version,
            problems: problems.list.map(\.message))
    }

    /// The entries a homeroom form posts.
    static func homeroomEntries(_ form: [String: String]) -> [HomeroomEntry] {
        var levels: [StudentID: [String: String?]] = [:]
        var comments: [StudentID: String] = [:]
        for (key, value) in form {
            guard !key.hasPrefix("base-"), let bar = key.lastIndex(of: "|"), let student = StudentID(String(key[key.index(after: bar)...]))
            else { continue }
            let item = String(key[..<bar])
            if item == "comment" {
                comments[student] = value
            } else {
                levels[student, default: [:]][item] = value.isEmpty ? nil : value
            }
        }
        return Set(levels.keys).union(comments.keys).map {
            HomeroomEntry(studentID: $0, levels: levels[$0] ?? [:], comment: comments[$0], base: base(form, $0))
        }
    }
}
