import FluentKit
import Foundation
import SQLKit

/// The subject teacher's grid: one class × subject at a checkpoint.
extension AssessmentService {
    /// The grid of `subject` in class `id` at `checkpoint`, with the rulebook in force, whether a score is due, the
    /// window and the lock. Requires ``Permission/readClass(_:)``.
    public func subjectGrid(class id: ClassID, subject: SubjectID, checkpoint: Checkpoint, by caller: Caller) async throws
        -> SubjectGrid
    {
        try caller.require(.readClass(id))
        return try await Self.grid(class: id, subject: subject, checkpoint: checkpoint, today: SchoolDate(clock()), on: database)
    }

    /// Saves what the teacher entered for some pupils of the grid, checked against the rulebook: a level of its
    /// scale, a score only where a test is due and within its range, a comment within its limit, a pupil of the
    /// class. Refused whole when the window is closed or the grid is done (locked). Audited with each changed value
    /// before and after. Requires ``Permission/writeSubjectResults(_:_:)`` (the teacher assigned; the principal).
    @discardableResult
    public func saveSubject(
        class id: ClassID, subject: SubjectID, checkpoint: Checkpoint, entries: [SubjectEntry], by caller: Caller
    ) async throws -> SubjectGrid {
        try caller.require(.writeSubjectResults(id, subject))
        let now = clock()
        let today = SchoolDate(now)
        return try await writer.run(by: caller) { db in
            let grid = try await Self.grid(class: id, subject: subject, checkpoint: checkpoint, today: today, on: db)
            try Self.requireOpen(grid)
            let lines = Dictionary(uniqueKeysWithValues: grid.lines.map { ($0.studentID, $0) })
            try Self.problems(entries, in: grid).throwIfAny()
            let item = Self.item(subject)
            let stored = try await StoredValue.load(class: id.uuid, checkpoint: checkpoint, items: .exactly(item), on: db)
            let byStudent = Dictionary(stored.map { ($0.studentID, $0) }, uniquingKeysWith: { a, _ in a })
            var before: [String: String] = [:]
            var after: [String: String] = [:]
            var cells: [ValueCell] = []
            var conflicts: [StudentID] = []
            for entry in entries {
                let comment = VietnameseText.clean(entry.comment)
                let row = byStudent[entry.studentID.uuid]
                let old = row.map { Self.trace($0.level, $0.score, $0.comment) }
                let new = Self.trace(entry.level, entry.score, comment)
                guard old != new else { continue }
                if let base = entry.base, base != lines[entry.studentID]!.version {
                    conflicts.append(entry.studentID)
                    continue
                }
                cells.append(ValueCell(student: entry.studentID.uuid, item: item, level: entry.level, score: entry.score, comment: comment))
                let name = lines[entry.studentID]!.name.full
                before[name] = old ?? ""
                after[name] = new
            }
            try await ValueCell.upsert(cells, class: id, checkpoint: checkpoint, by: caller, at: now, on: db)
            var saved = try await Self.grid(class: id, subject: subject, checkpoint: checkpoint, today: today, on: db)
            saved.conflicts = conflicts
            guard !after.isEmpty else { return (saved, []) }
            let event = AuditEvent(
                action: "assessment.subject", entity: AuditEntity.assessment.rawValue, entityID: "\(id)|\(subject)|\(checkpoint.rawValue)",
                summary: "Nhập \(grid.subject.name) \(checkpoint.code) lớp \(grid.className): \(after.count) học sinh",
                before: before, after: after)
            return (saved, [event])
        }
    }

    /// What is wrong with `entries` for `grid` under its rulebook, by cell (`pupil-<id>-level`, `-score`, `-comment`).
    static func problems(_ entries: [SubjectEntry], in grid: SubjectGrid) -> FieldProblems {
        let rulebook = grid.rulebook
        let checkpoint = grid.checkpoint
        let lines = Dictionary(uniqueKeysWithValues: grid.lines.map { ($0.studentID, $0) })
        var problems = FieldProblems()
        for entry in entries {
            // One field per cell, so that each message stands next to its cell on the page.
            let field = "pupil-\(entry.studentID)"
            guard let line = lines[entry.studentID], line.attending else {
                problems.add(field, "Học sinh không thuộc lớp \(grid.className).")
                continue
            }
            let who = line.name.full
            if let level = entry.level, !rulebook.subjectLevels.contains(where: { $0.code == level }) {
                let allowed = rulebook.subjectLevels.map(\.code).joined(separator: ", ")
                problems.add(field + "-level", "\(who): mức “\(level)” không có; ghi \(allowed).")
            }
            if let score = entry.score {
                if !grid.testDue {
                    problems.add(
                        field + "-score",
                        "\(who): môn \(grid.subject.name) không có bài kiểm tra \(checkpoint.code) ở khối \(grid.grade).")
                } else if !rulebook.accepts(score: score) {
                    problems.add(
                        field + "-score",
                        "\(who): điểm \(score) không hợp lệ (số nguyên \(rulebook.score.lowest)–\(rulebook.score.highest)).")
                }
            }
            if VietnameseText.clean(entry.comment).count > rulebook.commentLimit {
                problems.add(field + "-comment", "\(who): nhận xét dài tối đa \(rulebook.commentLimit) ký tự.")
            }
        }
        return problems
    }

    /// Checks `entries` against the grid as it is now, without saving: the upload's preview. The window and the lock
    /// are checked too (``FieldProblems`` with field `window` or `lock`). Requires
    /// ``Permission/writeSubjectResults(_:_:)``.
    public func checkSubject(class id: ClassID, subject: SubjectID, checkpoint: Checkpoint, entries: [SubjectEntry], by caller: Caller)
        async throws -> FieldProblems
    {
        try caller.require(.writeSubjectResults(id, subject))
        let grid = try await Self.grid(class: id, subject: subject, checkpoint: checkpoint, today: SchoolDate(clock()), on: database)
        do {
            try Self.requireOpen(grid)
        } catch let problems as FieldProblems {
            return problems
        }
        return Self.problems(entries, in: grid)
    }

    /// Marks the grid done: it locks, and a later change needs the principal's unlock. Requires
    /// ``Permission/writeSubjectResults(_:_:)``.
    public func markSubjectDone(class id: ClassID, subject: SubjectID, checkpoint: Checkpoint, by caller: Caller) async throws {
        try caller.require(.writeSubjectResults(id, subject))
        let now = clock()
        try await writer.run(by: caller) { db in
            let grid = try await Self.grid(class: id, subject: subject, checkpoint: checkpoint, today: SchoolDate(now), on: db)
            try Self.requireOpen(grid)
            let item = Self.item(subject)
            if grid.unlocked {
                let what = "\(grid.subject.name) \(checkpoint.code) lớp \(grid.className)"
                let events = try await Self.relock(
                    class: id, checkpoint: checkpoint, item: item, what: what, locked: grid.lockedBy != nil, by: caller, at: now, on: db)
                return ((), events)
            }
            if let by = grid.lockedBy { throw FieldProblems("lock", "Đã đánh dấu hoàn thành (\(by)).") }
            let event = try await Self.lock(
                class: id, checkpoint: checkpoint, item: item,
                what: "\(grid.subject.name) \(checkpoint.code) lớp \(grid.className)", by: caller, at: now, on: db)
            return ((), [event])
        }
    }

    /// Locks `item` of class `id` at `checkpoint` ("done"), with its audit event.
    static func lock(
        class id: ClassID, checkpoint: Checkpoint, item: String, what: String, by caller: Caller, at now: Date, on db: any Database
    ) async throws -> AuditEvent {
        let lock = AssessmentLockRow()
        lock.id = UUID()
        lock.classID = id.uuid
        lock.checkpoint = checkpoint.rawValue
        lock.item = item
        lock.lockedByName = caller.displayName
        lock.lockedAt = Timestamps.storage(now)
        try await lock.create(on: db)
        return AuditEvent(
            action: "assessment.done", entity: AuditEntity.assessment.rawValue, entityID: lock.id!.uuidString,
            summary: "Hoàn thành nhập \(what) (đã khoá)", before: [String: String]?.none, after: ["lockedBy": caller.displayName])
    }

    static func requireOpen(_ grid: SubjectGrid) throws {
        if grid.unlocked { return }
        if let by = grid.lockedBy {
            throw FieldProblems(
                "lock",
                "\(grid.subject.name) \(grid.checkpoint.code) lớp \(grid.className) đã hoàn thành và khoá (\(by)). "
                    + "Muốn sửa, gửi đề nghị mở khoá cho hiệu trưởng.")
        }
        guard grid.isOpen else {
            let when = grid.window.map { " (mở từ \($0.opensOn.display) đến \($0.closesOn.display))" } ?? ""
            throw FieldProblems("window", "Chưa đến hoặc đã hết thời gian nhập \(grid.checkpoint.code) của khối \(grid.grade)\(when).")
        }
    }

    static func item(_ subject: SubjectID) -> String { "subject:\(subject)" }

    static func trace(_ level: String?, _ score: Int?, _ comment: String) -> String {
        [level ?? "—", score.map(String.init) ?? "—", comment].joined(separator: " | ")
    }

    static func grid(class id: ClassID, subject: SubjectID, checkpoint: Checkpoint, today: SchoolDate, on db: any Database)
        async throws -> SubjectGrid
    {
        guard let schoolClass = try await ClassRow.find(id.uuid, on: db), let subjectRow = try await SubjectRow.find(subject.uuid, on: db),
            let year = try await SchoolYearRow.find(schoolClass.yearID, on: db)
        else { throw RecordsError.notFound }
        guard subjectRow.grade == schoolClass.grade else { throw RecordsError.notFound }
        let value = SubjectService.value(subjectRow)
        let rulebook = Rulebooks.inForce(yearName: year.name, grade: schoolClass.grade)
        let gate = try await Gate.load(schoolClass, year: year, checkpoint: checkpoint, item: item(subject), today: today, on: db)
        let byStudent = Dictionary(gate.values.map { ($0.studentID, $0) }, uniquingKeysWith: { a, _ in a })
        let lines = try await RosterService.lines(of: schoolClass, on: db).map { line in
            let stored = byStudent[line.studentID.uuid]
            return SubjectGridLine(
                studentID: line.studentID, position: line.position, name: line.name, attending: line.attending,
                level: stored?.level, score: stored?.score, comment: stored?.comment ?? "",
                version: stored.flatMap { Timestamps.storageMillis($0.updatedAt) } ?? 0, updatedBy: stored?.updatedByName)
        }
        return SubjectGrid(
            classID: id, className: schoolClass.name, grade: schoolClass.grade, subject: value, checkpoint: checkpoint,
            rulebook: rulebook, testDue: rulebook.hasTest(subject: value.code, grade: schoolClass.grade, at: checkpoint),
            window: gate.window, isOpen: gate.isOpen, lockedBy: gate.lockedBy, unlocked: gate.unlocked, unlockPending: gate.unlockPending,
            lines: lines, version: gate.version)
    }
}

/// Whether a class's item (a subject, or the homeroom teacher's part) is open at a checkpoint: the window of the
/// grade, the "done" lock, an approved or pending unlock; and the values stored under the item.
struct Gate {
    let window: EntryWindow?
    let isOpen: Bool
    let lockedBy: String?
    let unlocked: Bool
    let unlockPending: Bool
    /// The values stored under the item (items with this prefix, for `prefix`).
    let values: [StoredValue]
    let version: Int

    static func load(
        _ schoolClass: ClassRow, year: SchoolYearRow, checkpoint: Checkpoint, item: String, valuesPrefix: String? = nil, today: SchoolDate,
        on db: any Database
    ) async throws -> Gate {
        let id = schoolClass.id!
        let window = try await AssessmentWindowRow.query(on: db).filter(\.$yearID == year.id!)
            .filter(\.$grade == schoolClass.grade).filter(\.$checkpoint == checkpoint.rawValue).first()
            .flatMap(AssessmentService.window)
        let lock = try await AssessmentLockRow.query(on: db).filter(\.$classID == id)
            .filter(\.$checkpoint == checkpoint.rawValue).filter(\.$item == item).first()
        let values = try await StoredValue.load(
            class: id, checkpoint: checkpoint, items: valuesPrefix.map(StoredValue.Items.prefixed) ?? .exactly(item), on: db)
        let requests = try await AssessmentUnlockRow.query(on: db).filter(\.$classID == id)
            .filter(\.$checkpoint == checkpoint.rawValue).filter(\.$item == item)
            .filter(\.$status ~~ [UnlockRequest.Status.pending.rawValue, UnlockRequest.Status.approved.rawValue]).all()
        let unlocked = requests.contains { $0.status == UnlockRequest.Status.approved.rawValue }
        return Gate(
            window: window, isOpen: unlocked || (lock == nil && (window?.isOpen(on: today) ?? false)), lockedBy: lock?.lockedByName,
            unlocked: unlocked, unlockPending: requests.contains { $0.status == UnlockRequest.Status.pending.rawValue }, values: values,
            version: values.compactMap { Timestamps.storageMillis($0.updatedAt) }.max() ?? 0)
    }
}

/// One value of the book to write: written with the others in multi-row upserts on (pupil, checkpoint, item).
struct ValueCell {
    let student: UUID
    let item: String
    let level: String?
    let score: Int?
    let comment: String

    static func upsert(
        _ cells: [ValueCell], class id: ClassID, checkpoint: Checkpoint, by caller: Caller, at now: Date, on db: any Database
    ) async throws {
        let stamp = Timestamps.storage(now)
        for slice in Batches.slices(cells, size: Batches.insertSize) {
            var insert = db.sql().insert(into: AssessmentValueRow.schema)
                .columns("id", "class_id", "student_id", "checkpoint", "item", "level", "score", "comment", "updated_by_name", "updated_at")
            for cell in slice {
                insert = insert.values(
                    SQLBind(UUID()), SQLBind(id.uuid), SQLBind(cell.student), SQLBind(checkpoint.rawValue), SQLBind(cell.item),
                    SQLBind(cell.level), SQLBind(cell.score), SQLBind(cell.comment), SQLBind(caller.displayName), SQLBind(stamp))
            }
            try await insert.onConflict(with: ["student_id", "checkpoint", "item"]) { update in
                update.set(excludedValueOf: "level").set(excludedValueOf: "score").set(excludedValueOf: "comment")
                    .set(excludedValueOf: "updated_by_name").set(excludedValueOf: "updated_at")
            }.run()
        }
    }
}
