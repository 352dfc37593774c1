import FluentKit
import Foundation

/// The year's roll-over (chuyển năm học): the admin board prepares the next school year's classes, sees every class
/// with its count, and moves every pupil in one transaction — up a grade, or kept in it when the homeroom teacher
/// marked them to repeat; grade 5 completes primary school. Running it again changes nothing; it can be undone until
/// the new year starts.
public struct RollOverService: Sendable {
    let writer: AuditedWrite
    var database: any Database { writer.database }
    var clock: @Sendable () -> Date { writer.clock }

    /// A roll-over service over `database`; `clock` dates the records and decides whether the new year has started.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        writer = AuditedWrite(database: database, clock: clock)
    }

    /// The school years after the current one, the roll-over's possible targets, in order. Requires
    /// ``Permission/manageSchool``.
    public func followingYears(by caller: Caller) async throws -> [SchoolYear] {
        try caller.require(.manageSchool)
        let current = try await SchoolYears.current(on: database)
        return try await SchoolYearRow.query(on: database).filter(\.$startsOn > current.startsOn).sort(\.$startsOn).all()
            .map { $0.value() }
    }

    /// The roll-over from the current year into `target`: every class with its count, and what is in the way.
    /// Requires ``Permission/manageSchool``.
    public func plan(to target: SchoolYearID, by caller: Caller) async throws -> RollOverPlan {
        try caller.require(.manageSchool)
        let (from, to) = try await Self.years(to: target, on: database)
        let planner = try await RollOverPlanner.plan(from: from, to: to, on: database)
        let history = try await RollOverRow.query(on: database).filter(\.$fromYearID == from.id!).filter(\.$toYearID == to.id!)
            .sort(\.$appliedAt, .descending).all()
        return RollOverPlan(
            from: from.value(), to: to.value(), sources: planner.sources, targets: planner.targets, problems: planner.problems,
            history: history.map(Self.record))
    }

    /// Creates in `target` every class of the current year that it does not have yet (same name, grade, size and
    /// room; no homeroom teacher), and returns how many it created. Requires ``Permission/manageSchool``.
    @discardableResult
    public func copyClasses(to target: SchoolYearID, by caller: Caller) async throws -> Int {
        try caller.require(.manageSchool)
        return try await writer.run(by: caller) { db in
            let (from, to) = try await Self.years(to: target, on: db)
            let existing = Set(
                try await ClassRow.query(on: db).filter(\.$yearID == to.id!).all().map {
                    RollOverPlanner.key(grade: $0.grade, name: $0.name)
                })
            var events: [AuditEvent] = []
            for source in try await ClassRow.query(on: db).filter(\.$yearID == from.id!).sort(\.$sortKey).all()
            where !existing.contains(RollOverPlanner.key(grade: source.grade, name: source.name)) {
                let row = ClassRow()
                row.id = UUID()
                row.yearID = to.id!
                row.name = source.name
                row.grade = source.grade
                row.room = source.room
                row.capacity = source.capacity
                row.isMultiGrade = source.isMultiGrade
                row.sortKey = source.sortKey
                row.version = 1
                try await row.create(on: db)
                events.append(
                    AuditEvent(
                        action: "class.create", entity: AuditEntity.class.rawValue, entityID: row.id!.uuidString,
                        summary: "Tạo lớp \(row.name) (khối \(row.grade)) năm học \(to.name) theo lớp năm học \(from.name)",
                        before: [String: String]?.none, after: ["name": row.name, "grade": String(row.grade)]))
            }
            return (events.count, events)
        }
    }

    /// Applies the roll-over into `target` in one transaction: an enrollment in the new year for every pupil
    /// attending the current one, and the completion of primary school for grade 5. Pupils already in the new year
    /// are left as they are, so a second run changes nothing (and writes nothing). Refused while a class is missing
    /// or would be over its size. Requires ``Permission/manageSchool``.
    @discardableResult
    public func apply(to target: SchoolYearID, by caller: Caller) async throws -> RollOverResult {
        try caller.require(.manageSchool)
        let now = clock()
        return try await writer.run(by: caller) { db in
            let (from, to) = try await Self.years(to: target, on: db)
            let planner = try await RollOverPlanner.plan(from: from, to: to, on: db)
            if !planner.problems.isEmpty { throw FieldProblems("rollover", planner.problems.joined(separator: " ")) }
            let repeating = planner.moves.filter(\.repeats).count
            let result = RollOverResult(
                promoted: planner.moves.count - repeating, repeating: repeating, completed: planner.completions.count)
            guard !planner.moves.isEmpty || !planner.completions.isEmpty else { return (result, []) }
            let record = RollOverRow()
            record.id = UUID()
            record.fromYearID = from.id!
            record.toYearID = to.id!
            record.promoted = result.promoted
            record.repeating = result.repeating
            record.completed = result.completed
            record.appliedByName = caller.displayName
            record.appliedAt = Timestamps.storage(now)
            try await record.create(on: db)
            try await Batches.insert(planner.moves.map { Self.enrollment($0, year: to, rollover: record.id!, at: now) }, on: db)
            try await Batches.insert(
                planner.completions.map { Self.completion($0.0, class: $0.1, year: from, rollover: record.id!, by: caller, at: now) },
                on: db)
            let lines =
                planner.moves.map { "\($0.enrollment.studentID)>\($0.target.id!)" } + planner.completions.map { "\($0.0.studentID)>done" }
            let event = AuditEvent(
                action: "year.rollOver", entity: AuditEntity.schoolYear.rawValue, entityID: record.id!.uuidString,
                summary:
                    "Chuyển năm học \(from.name) sang \(to.name): \(result.promoted) học sinh lên lớp, \(result.repeating) ở lại lớp, \(result.completed) hoàn thành chương trình tiểu học",
                before: [String: String]?.none,
                after: [
                    "fromYear": from.name, "toYear": to.name, "promoted": String(result.promoted),
                    "repeating": String(result.repeating), "completed": String(result.completed),
                    "movesSha256": SecureToken.sha256Hex(lines.sorted().joined(separator: "\n")),
                ])
            return (result, [event])
        }
    }

    /// Undoes the newest roll-over into `target` before that year starts: the enrollments and completions it wrote
    /// are removed (nothing of the new year has been recorded on them yet; the audit log keeps both steps). Requires
    /// ``Permission/manageSchool``.
    public func undo(to target: SchoolYearID, by caller: Caller) async throws {
        try caller.require(.manageSchool)
        let now = clock()
        try await writer.run(by: caller) { db in
            let (from, to) = try await Self.years(to: target, on: db)
            guard SchoolDate(now) < to.value().dates.startsOn else {
                throw FieldProblems("rollover", "Năm học \(to.name) đã bắt đầu; không hoàn tác việc chuyển năm học được nữa.")
            }
            guard
                let record = try await RollOverRow.query(on: db).filter(\.$fromYearID == from.id!).filter(\.$toYearID == to.id!)
                    .filter(\.$undoneAt == nil).sort(\.$appliedAt, .descending).first()
            else { throw FieldProblems("rollover", "Chưa có lần chuyển năm học nào để hoàn tác.") }
            try await EnrollmentRow.query(on: db).filter(\.$rolloverID == record.id!).delete()
            try await MovementRow.query(on: db).filter(\.$rolloverID == record.id!).delete()
            record.undoneAt = Timestamps.storage(now)
            record.undoneByName = caller.displayName
            try await record.update(on: db)
            let event = AuditEvent(
                action: "year.rollOverUndo", entity: AuditEntity.schoolYear.rawValue, entityID: record.id!.uuidString,
                summary:
                    "Hoàn tác chuyển năm học \(from.name) sang \(to.name) (áp dụng lúc \(Timestamps.display(Timestamps.parseStorage(record.appliedAt)!)))",
                before: [
                    "promoted": String(record.promoted), "repeating": String(record.repeating), "completed": String(record.completed),
                ], after: ["undone": "true"])
            return ((), [event])
        }
    }

    // MARK: Shared

    static func years(to target: SchoolYearID, on db: any Database) async throws -> (SchoolYearRow, SchoolYearRow) {
        let from = try await SchoolYears.current(on: db)
        guard let to = try await SchoolYearRow.find(target.uuid, on: db) else { throw RecordsError.notFound }
        guard to.startsOn > from.startsOn else {
            throw FieldProblems("year", "Chọn một năm học sau năm học \(from.name).")
        }
        return (from, to)
    }

    static func enrollment(_ move: RollOverPlanner.Move, year: SchoolYearRow, rollover: UUID, at now: Date) -> EnrollmentRow {
        let row = EnrollmentRow()
        row.id = UUID()
        row.studentID = move.enrollment.studentID
        row.yearID = year.id!
        row.classID = move.target.id!
        row.enrolledOn = year.startsOn
        row.createdAt = Timestamps.storage(now)
        row.rolloverID = rollover
        return row
    }

    static func completion(
        _ enrollment: EnrollmentRow, class schoolClass: ClassRow, year: SchoolYearRow, rollover: UUID, by caller: Caller, at now: Date
    ) -> MovementRow {
        let row = MovementRow()
        row.id = UUID()
        row.studentID = enrollment.studentID
        row.yearID = year.id!
        row.kind = MovementKind.completed.rawValue
        row.onDate = year.endsOn
        row.fromClassID = schoolClass.id
        row.otherSchool = ""
        row.reason = ""
        row.recordedByName = caller.displayName
        row.createdAt = Timestamps.storage(now)
        row.rolloverID = rollover
        return row
    }

    static func record(_ row: RollOverRow) -> RollOverRecord {
        RollOverRecord(
            id: row.id!, promoted: row.promoted, repeating: row.repeating, completed: row.completed, appliedBy: row.appliedByName,
            appliedAt: Timestamps.parseStorage(row.appliedAt) ?? Date(timeIntervalSince1970: 0), undoneBy: row.undoneByName,
            undoneAt: row.undoneAt.flatMap(Timestamps.parseStorage))
    }
}
