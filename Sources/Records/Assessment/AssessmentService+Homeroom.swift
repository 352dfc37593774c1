import FluentKit
import Foundation

/// The homeroom teacher's part of the assessment book: each pupil's qualities and competencies (T/Đ/C) and the
/// general comment, at each checkpoint, under the same windows and locks as the subjects.
extension AssessmentService {
    static let homeroomItem = "homeroom"
    static let commentItem = "homeroom:comment"

    /// The grid of class `id` at `checkpoint`. Requires ``Permission/readClass(_:)``.
    public func homeroomGrid(class id: ClassID, checkpoint: Checkpoint, by caller: Caller) async throws -> HomeroomGrid {
        try caller.require(.readClass(id))
        return try await Self.homeroomGrid(class: id, checkpoint: checkpoint, today: SchoolDate(clock()), on: database)
    }

    /// Saves levels and comments for some pupils, checked against the rulebook's scale and comment limit; refused
    /// whole outside the window or after done. Requires ``Permission/writeClassRecords(_:)`` (the homeroom teacher).
    @discardableResult
    public func saveHomeroom(class id: ClassID, checkpoint: Checkpoint, entries: [HomeroomEntry], by caller: Caller) async throws
        -> HomeroomGrid
    {
        try caller.require(.writeClassRecords(id))
        let now = clock()
        let today = SchoolDate(now)
        return try await writer.run(by: caller) { db in
            let (grid, stored) = try await Self.homeroomState(class: id, checkpoint: checkpoint, today: today, on: db)
            try Self.requireOpen(grid)
            let lines = Dictionary(uniqueKeysWithValues: grid.lines.map { ($0.studentID, $0) })
            let keys = Set(grid.items.map(\.key))
            let codes = grid.rulebook.competenceLevels.map(\.code)
            var problems = FieldProblems()
            for entry in entries {
                let field = "pupil-\(entry.studentID)"
                guard let line = lines[entry.studentID], line.attending else {
                    problems.add(field, "Học sinh không thuộc lớp \(grid.className).")
                    continue
                }
                for (key, level) in entry.levels {
                    if !keys.contains(key) { problems.add("\(field)-\(key)", "\(line.name.full): mục “\(key)” không có trong quy định.") }
                    if let level, !codes.contains(level) {
                        problems.add("\(field)-\(key)", "\(line.name.full): mức “\(level)” không có; ghi \(codes.joined(separator: ", ")).")
                    }
                }
                if VietnameseText.clean(entry.comment ?? "").count > grid.rulebook.commentLimit {
                    problems.add("\(field)-comment", "\(line.name.full): nhận xét dài tối đa \(grid.rulebook.commentLimit) ký tự.")
                }
            }
            try problems.throwIfAny()
            let byKey = Dictionary(stored.map { ("\($0.studentID)|\($0.item)", $0) }, uniquingKeysWith: { a, _ in a })
            var writes: [String: ValueCell] = [:]
            var conflicts: [StudentID] = []
            for entry in entries {
                if let base = entry.base, base != lines[entry.studentID]!.version, Self.changes(entry, byKey) {
                    conflicts.append(entry.studentID)
                    continue
                }
                var cells = entry.levels.map { (item: $0.key, level: $0.value, comment: "") }
                if let comment = entry.comment {
                    cells.append((item: Self.commentItem, level: nil, comment: VietnameseText.clean(comment)))
                }
                for cell in cells {
                    let key = "\(entry.studentID.uuid)|\(cell.item)"
                    let row = byKey[key]
                    if let row, row.level == cell.level && row.comment == cell.comment { continue }
                    if row == nil && cell.level == nil && cell.comment.isEmpty { continue }
                    writes[key] = ValueCell(
                        student: entry.studentID.uuid, item: cell.item, level: cell.level, score: nil, comment: cell.comment)
                }
            }
            let changed = writes.count
            let changedPupils = Set(writes.values.map { StudentID($0.student) })
            try await ValueCell.upsert(Array(writes.values), class: id, checkpoint: checkpoint, by: caller, at: now, on: db)
            var saved = grid.applying(
                Array(writes.values), by: caller.displayName, at: Timestamps.storageMillis(Timestamps.storage(now)) ?? 0)
            saved.conflicts = conflicts
            guard changed > 0 else { return (saved, []) }
            let event = AuditEvent(
                action: "assessment.homeroom", entity: AuditEntity.assessment.rawValue, entityID: "\(id)|\(checkpoint.rawValue)",
                summary: "Nhập phẩm chất, năng lực \(checkpoint.code) lớp \(grid.className): \(changed) ô",
                before: Self.homeroomTrace(grid, only: changedPupils), after: Self.homeroomTrace(saved, only: changedPupils))
            return (saved, [event])
        }
    }

    /// Marks the homeroom part done, which locks it. Requires ``Permission/writeClassRecords(_:)``.
    public func markHomeroomDone(class id: ClassID, checkpoint: Checkpoint, by caller: Caller) async throws {
        try caller.require(.writeClassRecords(id))
        let now = clock()
        try await writer.run(by: caller) { db in
            let grid = try await Self.homeroomGrid(class: id, checkpoint: checkpoint, today: SchoolDate(now), on: db)
            try Self.requireOpen(grid)
            let what = "phẩm chất, năng lực \(checkpoint.code) lớp \(grid.className)"
            if grid.unlocked {
                let events = try await Self.relock(
                    class: id, checkpoint: checkpoint, item: Self.homeroomItem, what: what, locked: grid.lockedBy != nil, by: caller,
                    at: now, on: db)
                return ((), events)
            }
            if let by = grid.lockedBy { throw FieldProblems("lock", "Đã đánh dấu hoàn thành (\(by)).") }
            let event = try await Self.lock(
                class: id, checkpoint: checkpoint, item: Self.homeroomItem, what: what, by: caller, at: now, on: db)
            return ((), [event])
        }
    }

    static func requireOpen(_ grid: HomeroomGrid) throws {
        if let by = grid.lockedBy, !grid.isOpen {
            throw FieldProblems("lock", "Phẩm chất, năng lực \(grid.checkpoint.code) lớp \(grid.className) đã hoàn thành và khoá (\(by)).")
        }
        guard grid.isOpen else {
            throw FieldProblems("window", "Chưa đến hoặc đã hết thời gian nhập \(grid.checkpoint.code) của khối \(grid.grade).")
        }
    }

    /// Whether `entry` would change what `byKey` (stored rows by "student|item") holds.
    static func changes(_ entry: HomeroomEntry, _ byKey: [String: StoredValue]) -> Bool {
        let student = entry.studentID.uuid
        if let comment = entry.comment, (byKey["\(student)|\(commentItem)"]?.comment ?? "") != VietnameseText.clean(comment) {
            return true
        }
        return entry.levels.contains { key, level in byKey["\(student)|\(key)"]?.level != level }
    }

    /// Each of `pupils`' levels in item order and comment, for the audit log.
    static func homeroomTrace(_ grid: HomeroomGrid, only pupils: Set<StudentID>) -> [String: String] {
        Dictionary(
            grid.lines.filter { pupils.contains($0.studentID) }.map { line in
                (line.name.full, grid.items.map { line.levels[$0.key] ?? "—" }.joined() + " | " + line.comment)
            }, uniquingKeysWith: { a, _ in a })
    }

    static func homeroomItems(_ rulebook: Rulebook) -> [HomeroomItem] {
        rulebook.qualities.map { HomeroomItem(key: "homeroom:q:\($0)", name: $0, kind: "phẩm chất") }
            + (rulebook.generalCompetencies + rulebook.specificCompetencies).map {
                HomeroomItem(key: "homeroom:c:\($0)", name: $0, kind: "năng lực")
            }
    }

    static func homeroomGrid(class id: ClassID, checkpoint: Checkpoint, today: SchoolDate, on db: any Database) async throws
        -> HomeroomGrid
    {
        try await homeroomState(class: id, checkpoint: checkpoint, today: today, on: db).grid
    }

    /// The grid and the values it was read from.
    static func homeroomState(class id: ClassID, checkpoint: Checkpoint, today: SchoolDate, on db: any Database) async throws
        -> (grid: HomeroomGrid, values: [StoredValue])
    {
        guard let schoolClass = try await ClassRow.find(id.uuid, on: db),
            let year = try await SchoolYearRow.find(schoolClass.yearID, on: db)
        else { throw RecordsError.notFound }
        let rulebook = Rulebooks.inForce(yearName: year.name, grade: schoolClass.grade)
        let gate = try await Gate.load(
            schoolClass, year: year, checkpoint: checkpoint, item: homeroomItem, valuesPrefix: "homeroom:", today: today, on: db)
        let byStudent = Dictionary(grouping: gate.values, by: \.studentID)
        let lines = try await RosterService.lines(of: schoolClass, on: db).map { line in
            let rows = byStudent[line.studentID.uuid] ?? []
            var levels: [String: String] = [:]
            for row in rows where row.item != commentItem { levels[row.item] = row.level }
            let latest = rows.max { $0.updatedAt < $1.updatedAt }
            return HomeroomGridLine(
                studentID: line.studentID, position: line.position, name: line.name, attending: line.attending, levels: levels,
                comment: rows.first { $0.item == commentItem }?.comment ?? "",
                version: latest.flatMap { Timestamps.storageMillis($0.updatedAt) } ?? 0, updatedBy: latest?.updatedByName)
        }
        let grid = HomeroomGrid(
            classID: id, className: schoolClass.name, grade: schoolClass.grade, checkpoint: checkpoint, rulebook: rulebook,
            items: homeroomItems(rulebook), window: gate.window, isOpen: gate.isOpen, lockedBy: gate.lockedBy, unlocked: gate.unlocked,
            unlockPending: gate.unlockPending, lines: lines, version: gate.version)
        return (grid, gate.values)
    }
}
