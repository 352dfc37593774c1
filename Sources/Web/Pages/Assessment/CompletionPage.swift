import Foundation
import Records
import Vapor

extension AssessmentPages {
    struct CompletionPage: Encodable {
        let layout: Layout
        let yearName: String
        let checkpoint: String
        let checkpoints: [SelectOption]
        let totals: String
        let rows: [CompletionRow]
        let chart: Chart
    }

    struct CompletionRow: Encodable {
        let className: String
        let item: String
        let teacher: String
        let entered: String
        let missing: Int
        let done: Bool
        let href: String?
    }

    /// A horizontal bar per class: the share of its cells entered, drawn on the server as SVG.
    struct Chart: Encodable {
        let width: Int
        let height: Int
        let bars: [Bar]
    }

    struct Bar: Encodable {
        let label: String
        let y: Int
        let textY: Int
        let width: Int
        let percent: Int
    }

    static func completion(_ lines: [CompletionLine], layout: Layout, yearName: String, checkpoint: Checkpoint) -> CompletionPage {
        let byClass = Dictionary(grouping: lines, by: \.className)
        let order = lines.map(\.className).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let barArea = 300
        let bars = order.enumerated().map { index, name in
            let group = byClass[name] ?? []
            let cells = group.reduce(0) { $0 + $1.pupils }
            let done = group.reduce(0) { $0 + min($1.entered, $1.pupils) }
            let percent = cells == 0 ? 0 : done * 100 / cells
            return Bar(label: name, y: index * 22, textY: index * 22 + 14, width: barArea * percent / 100, percent: percent)
        }
        let missing = lines.filter { $0.missing > 0 }
        let rows = lines.sorted { ($0.missing == 0 ? 1 : 0, $0.className) < ($1.missing == 0 ? 1 : 0, $1.className) }.map { line in
            CompletionRow(
                className: line.className, item: line.item, teacher: line.teacher.isEmpty ? "Chưa phân công" : line.teacher,
                entered: "\(line.entered)/\(line.pupils)", missing: line.missing, done: line.done, href: nil)
        }
        return CompletionPage(
            layout: layout, yearName: yearName, checkpoint: checkpoint.label,
            checkpoints: Checkpoint.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == checkpoint) },
            totals: "\(missing.count) trong \(lines.count) phần còn thiếu; \(lines.filter(\.done).count) phần đã hoàn thành.",
            rows: rows, chart: Chart(width: 420, height: max(22, bars.count * 22), bars: bars))
    }
}
