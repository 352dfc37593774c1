import FluentKit
import Foundation

/// Movements of pupils inside a school year: a change of class, a transfer out (accepted by the principal, TT28
/// Art. 36), dropping out and coming back. Each is dated, attributed and audited; a pupil who leaves keeps their
/// place on the year's rosters, marked from the day they left, so their records can still be issued.
public struct MovementService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// A movement service over `database`; `clock` dates the records and the audit log.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    var writer: AuditedWrite { AuditedWrite(database: database, clock: clock) }

    /// Moves the pupil to `target`, a class of the same year with room, from `date`. Requires
    /// ``Permission/writeRegister``.
    public func changeClass(
        _ student: StudentID, to target: ClassID, on date: SchoolDate?, reason: String, by caller: Caller
    ) async throws {
        try caller.require(.writeRegister)
        let now = clock()
        try await writer.run(by: caller) { db in
            let (enrollment, year, from) = try await Self.current(student, on: db)
            var problems = FieldProblems()
            let day = Self.check(date, in: year, into: &problems)
            guard let to = try await ClassRow.find(target.uuid, on: db), to.yearID == year.id else {
                throw FieldProblems("classID", "Vui lòng chọn lớp của năm học \(year.name).")
            }
            if to.id == from.id { problems.add("classID", "Học sinh đang học lớp \(to.name).") }
            let seated = try await EnrollmentRow.query(on: db).filter(\.$classID == to.id!).filter(\.$leftOn == nil).count()
            if seated >= to.capacity { problems.add("classID", "Lớp \(to.name) đã đủ \(to.capacity) học sinh.") }
            try problems.throwIfAny()
            enrollment.classID = to.id!
            try await enrollment.update(on: db)
            let event = try await Self.record(
                .classChange, student: student, year: year, on: day!, from: from, to: to, otherSchool: "", reason: reason,
                by: caller, at: now, on: db)
            return ((), [event])
        }
    }

    /// Records that the pupil leaves the school on `departure.date`: a transfer out requires the principal's
    /// acceptance (``Permission/approveCorrections``) and the receiving school; dropping out requires
    /// ``Permission/writeRegister`` and a reason.
    public func leave(_ student: StudentID, _ departure: Departure, by caller: Caller) async throws {
        guard departure.kind.leaves else { throw FieldProblems("kind", "Vui lòng chọn chuyển trường hoặc thôi học.") }
        try caller.require(departure.kind == .transferOut ? .approveCorrections : .writeRegister)
        let now = clock()
        try await writer.run(by: caller) { db in
            let (enrollment, year, from) = try await Self.current(student, on: db)
            var problems = FieldProblems()
            let day = Self.check(departure.date, in: year, into: &problems)
            let school = VietnameseText.clean(departure.otherSchool)
            let reason = VietnameseText.clean(departure.reason)
            if departure.kind == .transferOut && school.isEmpty {
                problems.add("otherSchool", "Vui lòng nhập trường học sinh chuyển đến.")
            }
            if departure.kind == .dropOut && reason.isEmpty { problems.add("reason", "Vui lòng ghi lý do thôi học.") }
            try problems.throwIfAny()
            enrollment.leftOn = day!.iso
            enrollment.leftKind = departure.kind.rawValue
            try await enrollment.update(on: db)
            let event = try await Self.record(
                departure.kind, student: student, year: year, on: day!, from: from, to: nil, otherSchool: school, reason: reason,
                by: caller, at: now, on: db)
            return ((), [event])
        }
    }

    /// The pupil who dropped out comes back to their class on `date`. Requires ``Permission/writeRegister``.
    public func returnToSchool(_ student: StudentID, on date: SchoolDate?, by caller: Caller) async throws {
        try caller.require(.writeRegister)
        let now = clock()
        try await writer.run(by: caller) { db in
            guard let (enrollment, year, schoolClass) = try await Self.enrollment(student, on: db),
                enrollment.leftKind == MovementKind.dropOut.rawValue
            else { throw FieldProblems("kind", "Chỉ học sinh đã thôi học trong năm học này mới trở lại học được.") }
            var problems = FieldProblems()
            let day = Self.check(date, in: year, into: &problems)
            if let day, let left = enrollment.leftOn.flatMap(SchoolDate.init(iso:)), day < left {
                problems.add("date", "Ngày trở lại phải sau ngày thôi học \(left.display).")
            }
            try problems.throwIfAny()
            enrollment.leftOn = nil
            enrollment.leftKind = nil
            try await enrollment.update(on: db)
            let event = try await Self.record(
                .returned, student: student, year: year, on: day!, from: nil, to: schoolClass, otherSchool: "", reason: "",
                by: caller, at: now, on: db)
            return ((), [event])
        }
    }

    /// The pupil's movements, oldest first; requires ``Permission/readRegister`` or the pupil's class.
    public func history(of student: StudentID, by caller: Caller) async throws -> [Movement] {
        try await People.requireReadable(student, by: caller, on: database)
        let rows = try await MovementRow.query(on: database).filter(\.$studentID == student.uuid).all()
        let classIDs = Set(rows.flatMap { [$0.fromClassID, $0.toClassID].compactMap { $0 } })
        let names =
            classIDs.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await ClassRow.query(on: database).filter(\.$id ~~ Array(classIDs)).all().map {
                    ($0.id!, $0.name)
                })
        return rows.sorted { ($0.onDate, $0.createdAt) < ($1.onDate, $1.createdAt) }.map { row in
            Movement(
                kind: MovementKind(rawValue: row.kind) ?? .classChange,
                date: SchoolDate(iso: row.onDate) ?? SchoolDate(year: 2000, month: 1, day: 1)!,
                fromClass: row.fromClassID.flatMap { names[$0] } ?? "", toClass: row.toClassID.flatMap { names[$0] } ?? "",
                otherSchool: row.otherSchool, reason: row.reason, recordedBy: row.recordedByName,
                recordedAt: Timestamps.parseStorage(row.createdAt) ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// The pupil's class in the current year and whether they left; nil when not enrolled this year. Requires
    /// ``Permission/readRegister`` or the pupil's class.
    public func standing(of student: StudentID, by caller: Caller) async throws -> PupilStanding? {
        guard let (enrollment, year, schoolClass) = try await Self.enrollment(student, on: database) else { return nil }
        if !caller.may(.readRegister) { try caller.require(.readClass(ClassID(schoolClass.id!))) }
        return PupilStanding(
            yearName: year.name, classID: ClassID(schoolClass.id!), className: schoolClass.name,
            leftOn: enrollment.leftOn.flatMap(SchoolDate.init(iso:)), leftKind: enrollment.leftKind.flatMap(MovementKind.init(rawValue:)))
    }

    // MARK: Shared

    /// The pupil's enrollment in the current year, the year and the class, or nil when not enrolled this year.
    static func enrollment(_ student: StudentID, on db: any Database) async throws -> (EnrollmentRow, SchoolYearRow, ClassRow)? {
        let year = try await SchoolYears.current(on: db)
        guard
            let enrollment = try await EnrollmentRow.query(on: db).filter(\.$studentID == student.uuid).filter(\.$yearID == year.id!)
                .first(),
            let schoolClass = try await ClassRow.find(enrollment.classID, on: db)
        else { return nil }
        return (enrollment, year, schoolClass)
    }

    /// The pupil's enrollment in the current year, the year and the class; refused once the pupil has left.
    static func current(_ student: StudentID, on db: any Database) async throws -> (EnrollmentRow, SchoolYearRow, ClassRow) {
        guard let (enrollment, year, schoolClass) = try await enrollment(student, on: db) else {
            throw FieldProblems("student", "Học sinh không có trong lớp nào của năm học hiện tại.")
        }
        if let left = enrollment.leftOn.flatMap(SchoolDate.init(iso:)) {
            throw FieldProblems("student", "Học sinh đã rời trường ngày \(left.display).")
        }
        return (enrollment, year, schoolClass)
    }

    /// The date, which must fall inside the school year.
    static func check(_ date: SchoolDate?, in year: SchoolYearRow, into problems: inout FieldProblems) -> SchoolDate? {
        guard let date else {
            problems.add("date", "Vui lòng nhập ngày (dd/mm/yyyy).")
            return nil
        }
        let dates = year.value().dates
        if date < dates.startsOn || dates.endsOn < date {
            problems.add("date", "Ngày phải trong năm học \(year.name) (\(dates.startsOn.display)–\(dates.endsOn.display)).")
        }
        return date
    }

    static func record(
        _ kind: MovementKind, student: StudentID, year: SchoolYearRow, on day: SchoolDate, from: ClassRow?, to: ClassRow?,
        otherSchool: String, reason: String, by caller: Caller, at now: Date, on db: any Database
    ) async throws -> AuditEvent {
        let row = MovementRow()
        row.id = UUID()
        row.studentID = student.uuid
        row.yearID = year.id!
        row.kind = kind.rawValue
        row.onDate = day.iso
        row.fromClassID = from?.id
        row.toClassID = to?.id
        row.otherSchool = otherSchool
        row.reason = String(VietnameseText.clean(reason).prefix(500))
        row.recordedByName = caller.displayName
        row.createdAt = Timestamps.storage(now)
        try await row.create(on: db)
        let name = try await StudentRow.find(student.uuid, on: db)?.name.full ?? ""
        let movement = Movement(
            kind: kind, date: day, fromClass: from?.name ?? "", toClass: to?.name ?? "", otherSchool: otherSchool,
            reason: row.reason, recordedBy: caller.displayName, recordedAt: now)
        return AuditEvent(
            action: "pupil.\(kind.rawValue)", entity: AuditEntity.registerEntry.rawValue, entityID: student.description,
            summary: "\(kind.label) — \(name), \(movement.summary)", before: [String: String]?.none,
            after: [
                "kind": kind.rawValue, "date": day.iso, "fromClassID": from?.id?.uuidString.lowercased() ?? "",
                "toClassID": to?.id?.uuidString.lowercased() ?? "", "otherSchool": otherSchool, "reason": row.reason,
            ])
    }
}
