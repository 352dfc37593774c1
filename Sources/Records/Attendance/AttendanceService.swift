import FluentKit
import Foundation

/// Monthly attendance (the seed's Điều 10): the homeroom teacher marks each absent day of a month, có phép or không
/// phép; totals per pupil for the month, the term and the year; the principal sees which classes have recorded a
/// month. School days are Monday to Friday inside the school year.
public struct AttendanceService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// An attendance service over `database`; `clock` says which days have come.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The month's grid for class `id`, with every pupil the roster lists (leavers up to the day they left).
    /// Requires ``Permission/readClass(_:)``.
    public func grid(class id: ClassID, month: SchoolMonth, by caller: Caller) async throws -> AttendanceGrid {
        try caller.require(.readClass(id))
        return try await Self.grid(class: id, month: month, today: SchoolDate(clock()), on: database)
    }

    /// Replaces the month's marks of class `id` with `marks` (absent days by pupil and day of month), if `version`
    /// is the one the grid was read at. Days that are not school days, have not come yet, or fall after a pupil left
    /// are refused. Requires ``Permission/writeClassRecords(_:)`` (the homeroom teacher; the principal).
    /// Returns the new version.
    @discardableResult
    public func save(
        class id: ClassID, month: SchoolMonth, marks: [StudentID: [Int: AbsenceKind]], version: Int, by caller: Caller
    ) async throws -> Int {
        try caller.require(.writeClassRecords(id))
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let grid = try await Self.grid(class: id, month: month, today: SchoolDate(now), on: db)
            guard grid.version == version else {
                throw FieldProblems(
                    "version",
                    "Tháng \(month) của lớp \(grid.className) vừa được \(grid.updatedBy ?? "người khác") cập nhật"
                        + (grid.updatedAt.map { " lúc \(Timestamps.display($0))" } ?? "") + ". Tải lại trang để xem rồi đánh dấu lại.")
            }
            let lines = Dictionary(uniqueKeysWithValues: grid.lines.map { ($0.studentID, $0) })
            var problems = FieldProblems()
            for (student, days) in marks {
                guard let line = lines[student] else {
                    problems.add("marks", "Một học sinh không thuộc lớp \(grid.className).")
                    continue
                }
                for day in days.keys.sorted() where !line.open.contains(day) {
                    problems.add("m-\(student)-\(day)", "\(line.name.full): không đánh dấu được ngày \(day)/\(month.month).")
                }
            }
            try problems.throwIfAny()
            let dayKeys = grid.days.map(\.iso)
            let before = try await AbsenceRow.query(on: db).filter(\.$classID == id.uuid).filter(\.$day ~~ dayKeys).all()
            let counts = (before.count, marks.values.reduce(0) { $0 + $1.count })
            for row in before { try await row.delete(on: db) }
            for (student, days) in marks {
                for (day, kind) in days {
                    let row = AbsenceRow()
                    row.id = UUID()
                    row.classID = id.uuid
                    row.studentID = student.uuid
                    row.day = SchoolDate(year: month.year, month: month.month, day: day)!.iso
                    row.kind = kind.rawValue
                    try await row.create(on: db)
                }
            }
            let stamp = try await Self.stamp(class: id, month: month, on: db) ?? AttendanceMonthRow()
            if stamp.id == nil {
                stamp.id = UUID()
                stamp.classID = id.uuid
                stamp.month = month.key
                stamp.version = 0
            }
            stamp.version += 1
            stamp.updatedByName = caller.displayName
            stamp.updatedAt = Timestamps.storage(now)
            try await stamp.save(on: db)
            let event = AuditEvent(
                action: "attendance.month", entity: AuditEntity.class.rawValue, entityID: id.description,
                summary: "Cập nhật chuyên cần tháng \(month) lớp \(grid.className): \(counts.1) lượt nghỉ",
                before: ["absences": String(counts.0)], after: ["absences": String(counts.1), "version": String(stamp.version)])
            return (stamp.version, [event])
        }
    }

    /// Who last saved `month` of class `id`, and when; nil while nobody has. Requires ``Permission/readClass(_:)``.
    public func lastSave(class id: ClassID, month: SchoolMonth, by caller: Caller) async throws -> (name: String, at: Date)? {
        try caller.require(.readClass(id))
        guard let stamp = try await Self.stamp(class: id, month: month, on: database), let at = Timestamps.parseStorage(stamp.updatedAt)
        else { return nil }
        return (stamp.updatedByName, at)
    }

    /// How many classes of the current year have not saved `month`. Requires ``Permission/manageSchool``.
    public func unrecorded(month: SchoolMonth, by caller: Caller) async throws -> Int {
        try caller.require(.manageSchool)
        let year = try await SchoolYears.current(on: database)
        let classes = Set(try await ClassRow.query(on: database).filter(\.$yearID == year.id!).all(\.$id))
        let recorded = Set(try await AttendanceMonthRow.query(on: database).filter(\.$month == month.key).all(\.$classID))
        return classes.subtracting(recorded).count
    }

    static func stamp(class id: ClassID, month: SchoolMonth, on db: any Database) async throws -> AttendanceMonthRow? {
        try await AttendanceMonthRow.query(on: db).filter(\.$classID == id.uuid).filter(\.$month == month.key).first()
    }

    /// Every class of the current year for `month`: whether and when it was recorded, and its absences. Requires
    /// ``Permission/viewSchool`` and the principal's or admin board's view (``Permission/manageSchool``).
    public func overview(month: SchoolMonth, by caller: Caller) async throws -> [AttendanceStatus] {
        try caller.require(.manageSchool)
        let year = try await SchoolYears.current(on: database)
        let classes = try await ClassRow.query(on: database).filter(\.$yearID == year.id!).all()
            .sorted { $0.sortKey < $1.sortKey }
        let stamps = try await AttendanceMonthRow.query(on: database).filter(\.$month == month.key).all()
        let stampOf = Dictionary(stamps.map { ($0.classID, $0) }, uniquingKeysWith: { first, _ in first })
        let days = month.days.map(\.iso)
        let absences = try await AbsenceRow.query(on: database).filter(\.$day ~~ days).all()
        let teachers = Set(classes.compactMap(\.homeroomAccountID))
        let names =
            teachers.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await AccountRow.query(on: database).filter(\.$id ~~ Array(teachers)).all().map {
                    ($0.id!, $0.name.full)
                })
        return classes.map { row in
            var count = AbsenceCount()
            for absence in absences where absence.classID == row.id { count.add(AbsenceKind(rawValue: absence.kind) ?? .unexcused) }
            let stamp = stampOf[row.id!]
            return AttendanceStatus(
                classID: ClassID(row.id!), className: row.name, homeroomTeacher: row.homeroomAccountID.flatMap { names[$0] },
                updatedBy: stamp?.updatedByName, updatedAt: stamp.flatMap { Timestamps.parseStorage($0.updatedAt) }, absences: count)
        }
    }
}
