import FluentKit
import Foundation

/// Works out the roll-over from the stored year: who goes where, and what is in the way. Shared by the preview and
/// by the transaction that applies it, which works it out again under the write lock.
struct RollOverPlanner {
    struct Move {
        let enrollment: EnrollmentRow
        let target: ClassRow
        let repeats: Bool
    }

    let from: SchoolYearRow
    let to: SchoolYearRow
    var sources: [RollOverSource] = []
    var targets: [RollOverTarget] = []
    var problems: [String] = []
    var moves: [Move] = []
    var completions: [(EnrollmentRow, ClassRow)] = []

    /// The class of grade `grade` in the new year with the same letters as `name`, whose grade is `from`: "3A" → "4A".
    static func key(grade: Int, name: String) -> String { "\(grade)|\(VietnameseText.foldKey(name))" }

    static func name(_ name: String, from grade: Int, to next: Int) -> String? {
        let prefix = String(grade)
        guard name.hasPrefix(prefix) else { return nil }
        return String(next) + name.dropFirst(prefix.count)
    }

    static func plan(from: SchoolYearRow, to: SchoolYearRow, on db: any Database) async throws -> RollOverPlanner {
        var planner = RollOverPlanner(from: from, to: to)
        let fromClasses = try await ClassRow.query(on: db).filter(\.$yearID == from.id!).sort(\.$sortKey).all()
        let toClasses = try await ClassRow.query(on: db).filter(\.$yearID == to.id!).sort(\.$sortKey).all()
        let attending = try await EnrollmentRow.query(on: db).filter(\.$yearID == from.id!).filter(\.$leftOn == nil).all()
        let inNewYear = try await EnrollmentRow.query(on: db).filter(\.$yearID == to.id!).all()
        let done = Set(inNewYear.map(\.studentID)).union(
            try await MovementRow.query(on: db).filter(\.$yearID == from.id!)
                .filter(\.$kind == MovementKind.completed.rawValue).all().map(\.studentID))
        let repeaters = Set(try await RepeatMarkRow.query(on: db).filter(\.$yearID == from.id!).all().map(\.studentID))
        let byName = Dictionary(toClasses.map { (key(grade: $0.grade, name: $0.name), $0) }, uniquingKeysWith: { a, _ in a })
        var joining: [UUID: Int] = [:]
        let byClass = Dictionary(grouping: attending, by: \.classID)
        for source in fromClasses {
            let pupils = byClass[source.id!] ?? []
            let waiting = pupils.filter { !done.contains($0.studentID) }
            let repeating = waiting.filter { repeaters.contains($0.studentID) }
            let promoted = waiting.filter { !repeaters.contains($0.studentID) }
            let repeatTarget = byName[key(grade: source.grade, name: source.name)]
            let nextName = source.grade < 5 ? name(source.name, from: source.grade, to: source.grade + 1) : nil
            let promoteTarget = nextName.flatMap { byName[key(grade: source.grade + 1, name: $0)] }
            if !repeating.isEmpty && repeatTarget == nil {
                planner.problems.append(
                    "Năm học \(to.name) chưa có lớp \(source.name) cho \(repeating.count) học sinh ở lại lớp \(source.name).")
            }
            if source.grade < 5 && !promoted.isEmpty && promoteTarget == nil {
                planner.problems.append(
                    nextName.map { "Năm học \(to.name) chưa có lớp \($0) cho \(promoted.count) học sinh lớp \(source.name) lên lớp." }
                        ?? "Không biết lớp nào của khối \(source.grade + 1) nhận học sinh lớp \(source.name): tên lớp nên bắt đầu bằng số khối."
                )
            }
            for enrollment in repeating {
                guard let repeatTarget else { break }
                planner.moves.append(Move(enrollment: enrollment, target: repeatTarget, repeats: true))
                joining[repeatTarget.id!, default: 0] += 1
            }
            if source.grade >= 5 {
                planner.completions += promoted.map { ($0, source) }
            } else if let promoteTarget {
                planner.moves += promoted.map { Move(enrollment: $0, target: promoteTarget, repeats: false) }
                joining[promoteTarget.id!, default: 0] += promoted.count
            }
            planner.sources.append(
                RollOverSource(
                    classID: ClassID(source.id!), className: source.name, grade: source.grade, attending: pupils.count,
                    promoted: source.grade >= 5 ? 0 : promoted.count, repeating: repeating.count,
                    completing: source.grade >= 5 ? promoted.count : 0, alreadyMoved: pupils.count - waiting.count,
                    promotedTo: source.grade >= 5 ? "" : promoteTarget?.name ?? "", repeatingTo: repeatTarget?.name ?? ""))
        }
        let seated = Dictionary(grouping: inNewYear.filter { $0.leftOn == nil }, by: \.classID).mapValues(\.count)
        for target in toClasses {
            let line = RollOverTarget(
                classID: ClassID(target.id!), className: target.name, grade: target.grade, current: seated[target.id!] ?? 0,
                joining: joining[target.id!] ?? 0, capacity: target.capacity)
            if line.isOver && line.joining > 0 {
                planner.problems.append(
                    "Lớp \(target.name) năm học \(to.name) sẽ có \(line.current + line.joining) học sinh, quá sĩ số \(target.capacity).")
            }
            planner.targets.append(line)
        }
        return planner
    }
}
