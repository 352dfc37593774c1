import Foundation
import Records
import Vapor

/// The page models of `AttendanceController`.
enum AttendancePages {
    /// One cell of the grid: a select of "", P, K, or a closed day.
    struct Cell: Encodable {
        let name: String
        let value: String
        let open: Bool
        let label: String
    }

    struct Row: Encodable {
        let position: Int
        let name: String
        let note: String
        let cells: [Cell]
        let month: String
        let term: String
        let year: String
        let problem: String?
    }

    struct Day: Encodable {
        let day: Int
        let weekday: String
    }

    struct GridPage: Encodable {
        let layout: Layout
        let className: String
        let yearName: String
        let monthText: String
        let monthKey: String
        let months: [SelectOption]
        let days: [Day]
        let rows: [Row]
        let version: Int
        let updated: String
        let canWrite: Bool
        let termName: String
        let action: String
        let rosterPath: String
        let draftKey: String
        let problems: [FieldProblems.Problem]
    }

    struct OverviewRow: Encodable {
        let className: String
        let teacher: String
        let updated: String
        let done: Bool
        let absences: String
        let href: String
    }

    struct OverviewPage: Encodable {
        let layout: Layout
        let monthText: String
        let months: [SelectOption]
        let rows: [OverviewRow]
        let missing: Int
        let action: String
    }

    static let weekdays = ["CN", "T2", "T3", "T4", "T5", "T6", "T7"]

    static func count(_ count: AbsenceCount) -> String { count.total == 0 ? "" : "\(count.excused)P · \(count.unexcused)K" }

    /// The grid as the page shows it; `typed` (the refused form) replaces stored marks.
    static func page(
        _ grid: AttendanceGrid, layout: Layout, canWrite: Bool, typed: [String: String]? = nil,
        problems: FieldProblems = FieldProblems()
    ) -> GridPage {
        let days = grid.days.map { Day(day: $0.day, weekday: weekdays[$0.weekday - 1]) }
        let rows = grid.lines.map { line in
            let cells = grid.days.map { day -> Cell in
                let name = "m-\(line.studentID)-\(day.day)"
                let stored = line.marks[day.day]?.rawValue ?? ""
                return Cell(
                    name: name, value: typed.map { $0[name] ?? "" } ?? stored, open: canWrite && line.open.contains(day.day),
                    label: "\(line.name.full), ngày \(day.display)")
            }
            let problem = problems.list.first { $0.field.hasPrefix("m-\(line.studentID)-") }?.message
            return Row(
                position: line.position, name: line.name.full, note: line.note, cells: cells, month: count(line.month),
                term: count(line.term), year: count(line.year), problem: problem)
        }
        return GridPage(
            layout: layout, className: grid.className, yearName: grid.yearName, monthText: grid.month.description,
            monthKey: grid.month.key,
            months: grid.months.map { SelectOption(value: $0.key, label: "Tháng \($0)", selected: $0 == grid.month) }, days: days,
            rows: rows, version: grid.version,
            updated: grid.updatedAt.map { "Cập nhật lần cuối \(Timestamps.display($0)) bởi \(grid.updatedBy ?? "")." }
                ?? "Tháng này chưa được cập nhật.",
            canWrite: canWrite, termName: grid.termName, action: Site.attendanceMonth(grid.classID, grid.month),
            rosterPath: Site.roster(grid.classID), draftKey: "hoso-attendance-\(grid.classID)-\(grid.month.key)",
            problems: problems.list)
    }

    /// The marks a submitted grid makes: fields `m-<student>-<day>` with P or K.
    static func marks(_ form: [String: String]) -> [StudentID: [Int: AbsenceKind]] {
        var marks: [StudentID: [Int: AbsenceKind]] = [:]
        for (key, value) in form where key.hasPrefix("m-") {
            guard let kind = AbsenceKind(rawValue: value) else { continue }
            let parts = key.dropFirst(2).split(separator: "-")
            guard parts.count >= 2, let day = Int(parts.last!), let student = StudentID(parts.dropLast().joined(separator: "-")) else {
                continue
            }
            marks[student, default: [:]][day] = kind
        }
        return marks
    }
}
