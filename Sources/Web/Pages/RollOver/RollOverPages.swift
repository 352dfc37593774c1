import Foundation
import Records
import Vapor

/// The year's roll-over page (the admin board's preview, apply and undo) and the homeroom teacher's repeaters page.
enum RollOverPages {
    struct Page: Encodable {
        let layout: Layout
        let fromName: String
        let years: [SelectOption]
        let yearID: String
        let toName: String
        let toStarts: String
        let sources: [SourceRow]
        let targets: [TargetRow]
        let problems: [String]
        let pending: Int
        let applicable: Bool
        let history: [String]
        let undoable: Bool
        let form: FormState
        let yearsPath: String
        let classesOfYearPath: String
        let copyPath: String
        let applyPath: String
        let undoPath: String
    }

    struct SourceRow: Encodable {
        let className: String
        let attending: Int
        let promoted: Int
        let repeating: Int
        let completing: Int
        let alreadyMoved: Int
        let promotedTo: String
        let repeatingTo: String
        let promotionPath: String
    }

    struct TargetRow: Encodable {
        let className: String
        let current: Int
        let joining: Int
        let capacity: Int
        let over: Bool
        let rosterPath: String
    }

    struct Form: Content {
        var year: String?
    }

    struct PromotionPage: Encodable {
        let layout: Layout
        let className: String
        let lines: [PromotionRow]
        let repeating: Int
        let savePath: String
        let rosterPath: String
    }

    struct PromotionRow: Encodable {
        let position: Int
        let id: String
        let name: String
        let repeats: Bool
    }

    struct PromotionForm: Content {
        var repeaters: [String]?
    }

    static func page(
        _ plan: RollOverPlan?, years: [SchoolYear], from: String, today: SchoolDate, form: FormState, layout: Layout
    ) -> Page {
        let yearID = plan?.to.id
        let history = (plan?.history ?? []).map { record in
            var line =
                "\(Timestamps.display(record.appliedAt)), \(record.appliedBy): \(record.promoted) lên lớp, \(record.repeating) ở lại lớp, \(record.completed) hoàn thành chương trình tiểu học"
            if let undone = record.undoneAt { line += " — đã hoàn tác \(Timestamps.display(undone)) (\(record.undoneBy ?? ""))" }
            return line
        }
        return Page(
            layout: layout, fromName: from,
            years: years.map { SelectOption(value: $0.id.description, label: $0.name, selected: $0.id == yearID) },
            yearID: yearID?.description ?? "", toName: plan?.to.name ?? "", toStarts: plan?.to.dates.startsOn.display ?? "",
            sources: (plan?.sources ?? []).map {
                SourceRow(
                    className: $0.className, attending: $0.attending, promoted: $0.promoted, repeating: $0.repeating,
                    completing: $0.completing, alreadyMoved: $0.alreadyMoved, promotedTo: $0.promotedTo, repeatingTo: $0.repeatingTo,
                    promotionPath: Site.promotion($0.classID))
            },
            targets: (plan?.targets ?? []).map {
                TargetRow(
                    className: $0.className, current: $0.current, joining: $0.joining, capacity: $0.capacity, over: $0.isOver,
                    rosterPath: Site.roster($0.classID))
            },
            problems: plan?.problems ?? [], pending: plan?.pending ?? 0, applicable: plan?.isApplicable ?? false,
            history: history, undoable: plan?.undoable(today: today) != nil, form: form, yearsPath: Site.years(),
            classesOfYearPath: yearID.map(Site.classesOfYear) ?? Site.years(), copyPath: Site.rollOverClasses(),
            applyPath: Site.rollOverApply(), undoPath: Site.rollOverUndo())
    }
}
