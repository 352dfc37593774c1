import FluentKit
import Foundation

/// The enrollment register (sổ đăng bộ): admitting pupils with their guardians, numbering them, placing them in a
/// class, and reading the register back. Entries are never deleted; a written entry changes only through a
/// correction the principal approves (see `RegisterService+Corrections`).
public struct RegisterService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// A register service over `database`; `clock` dates the entries and the audit log.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    var writer: AuditedWrite { AuditedWrite(database: database, clock: clock) }

    /// Admits `pupils` into the school year `year` in one transaction of its own: every child gets a register
    /// entry, a place in the class named and their guardians, or — if anything fails — nothing is written and no
    /// number is used. Requires ``Permission/writeRegister``.
    @discardableResult
    public func admit(_ pupils: [NewPupil], into year: SchoolYearID, by caller: Caller) async throws -> [AdmittedPupil] {
        try caller.require(.writeRegister)
        let now = clock()
        return try await writer.run(by: caller) { db in
            let admission = try await Self.admit(pupils, into: year, by: caller, at: now, on: db)
            return (admission.pupils, admission.events)
        }
    }

    /// Admits `pupils` inside a transaction the caller has opened with ``AuditedWrite/run(by:_:)``, so that a
    /// larger change (the conversion of a whole admissions campaign) commits or rolls back as one. Return the
    /// admission's `events` from the `AuditedWrite` body together with your own.
    ///
    /// Checks every child first (problems are reported as `pupils[i].field`), then refuses a child already in the
    /// register and a class without room; any error leaves the transaction to roll back. Numbers are consecutive
    /// in the order given. Requires ``Permission/writeRegister``.
    public static func admit(
        _ pupils: [NewPupil], into year: SchoolYearID, by caller: Caller, at now: Date,
        on db: any Database, progress: ImportProgressReport? = nil
    ) async throws -> RegisterAdmission {
        try caller.require(.writeRegister)
        guard !pupils.isEmpty else { return RegisterAdmission(pupils: [], events: []) }
        // Already held when called through AuditedWrite (taking it again is harmless); it is what makes concurrent
        // admissions queue, so it is taken here too rather than trusted to the caller.
        try await AuditLog.lockHead(on: db)
        let clean = pupils.map { $0.cleaned() }
        try RegisterChecks.batch(clean).throwIfAny()
        guard let yearRow = try await SchoolYearRow.find(year.uuid, on: db) else { throw RecordsError.notFound }
        let classes = try await classesWithRoom(for: clean, year: yearRow, on: db)
        let format = try await RegisterNumbers.format(on: db)
        let first = try await RegisterNumbers.reserve(clean.count, on: db)
        var lookup = try await AdmissionLookup.load(for: clean, on: db)
        var admitted: [AdmittedPupil] = []
        var events: [AuditEvent] = []
        var entries: [RegisterEntryRow] = []
        var enrollments: [EnrollmentRow] = []
        for (offset, pupil) in clean.enumerated() {
            let schoolClass = classes[pupil.classID.uuid]!
            let written = try admitOne(
                pupil, number: first + offset, format: format, year: yearRow, class: schoolClass, at: now, lookup: &lookup)
            admitted.append(written.pupil)
            events.append(written.event)
            entries.append(written.entry)
            enrollments.append(written.enrollment)
        }
        let counter = WriteCounter(total: lookup.newRowCount + entries.count + enrollments.count, report: progress)
        try await lookup.insert(on: db, counting: counter)
        try await Batches.insert(entries, on: db, counting: counter)
        try await Batches.insert(enrollments, on: db, counting: counter)
        return RegisterAdmission(pupils: admitted, events: events)
    }

    /// The classes named by `pupils`, checked to belong to `year` and to have room for them all.
    private static func classesWithRoom(for pupils: [NewPupil], year: SchoolYearRow, on db: any Database) async throws -> [UUID: ClassRow] {
        let ids = Array(Set(pupils.map(\.classID.uuid)))
        let rows = try await ClassRow.query(on: db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0) })
        var problems = FieldProblems()
        for (index, pupil) in pupils.enumerated() where byID[pupil.classID.uuid]?.yearID != year.id {
            problems.add("pupils[\(index)].classID", "\(pupil.child.name.full): Lớp đã chọn không thuộc năm học \(year.name).")
        }
        try problems.throwIfAny()
        for (id, group) in Dictionary(grouping: pupils, by: \.classID.uuid) {
            let row = byID[id]!
            let current = try await EnrollmentRow.query(on: db).filter(\.$classID == id).filter(\.$leftOn == nil).count()
            if current + group.count > row.capacity { throw RegisterError.classFull(className: row.name, capacity: row.capacity) }
        }
        return byID
    }

    private static func admitOne(
        _ pupil: NewPupil, number: Int, format: RegisterNumberFormat, year: SchoolYearRow,
        class schoolClass: ClassRow, at now: Date, lookup: inout AdmissionLookup
    ) throws -> (pupil: AdmittedPupil, event: AuditEvent, entry: RegisterEntryRow, enrollment: EnrollmentRow) {
        let student = try lookup.student(pupil.child, at: now)
        var guardianIDs: [GuardianID] = []
        for (position, guardian) in pupil.guardians.enumerated() {
            let row = lookup.guardian(guardian, at: now)
            lookup.link(student: student.id!, guardian: row.id!, relation: guardian.relation, position: position)
            if !guardianIDs.contains(GuardianID(row.id!)) { guardianIDs.append(GuardianID(row.id!)) }
        }
        let entry = RegisterEntryRow()
        entry.id = UUID()
        entry.studentID = student.id!
        entry.number = number
        entry.numberText = pupil.registerNumberText.isEmpty ? format.text(number: number, yearName: year.name) : pupil.registerNumberText
        entry.yearID = year.id!
        entry.entryDate = pupil.entryDate.iso
        entry.entryGrade = schoolClass.grade
        entry.route = pupil.route.rawValue
        entry.previousSchool = pupil.previousSchool
        func named(_ relation: GuardianRelation) -> String {
            pupil.guardians.first { $0.relation == relation }?.name.full ?? ""
        }
        entry.fatherName = named(.father)
        entry.motherName = named(.mother)
        entry.guardianName = named(.guardian)
        entry.notes = pupil.notes
        entry.version = 1
        entry.createdAt = Timestamps.storage(now)
        lookup.registered(student.id!, as: entry.numberText)
        let enrollment = EnrollmentRow()
        enrollment.id = UUID()
        enrollment.studentID = student.id!
        enrollment.yearID = year.id!
        enrollment.classID = schoolClass.id!
        enrollment.enrolledOn = pupil.entryDate.iso
        enrollment.createdAt = Timestamps.storage(now)
        let value = value(entry, student: student, yearName: year.name)
        // The permanent audit log names the change and fingerprints the content; the family's details stay in the
        // register itself.
        let event = AuditEvent(
            action: "register.admit", entity: AuditEntity.registerEntry.rawValue, entityID: entry.id!.uuidString,
            summary: "Ghi sổ đăng bộ số \(entry.numberText): \(student.name.full), vào lớp \(schoolClass.name) năm học \(year.name)",
            before: [String: String]?.none,
            after: [
                "number": String(number), "numberText": entry.numberText, "studentID": student.id!.uuidString.lowercased(),
                "classID": schoolClass.id!.uuidString.lowercased(), "enrollmentID": enrollment.id!.uuidString.lowercased(),
                "guardians": guardianIDs.map(\.description).joined(separator: ","),
                "sha256": RegisterService.fingerprint(value.details),
            ])
        let admitted = AdmittedPupil(
            entry: value, enrollmentID: EnrollmentID(enrollment.id!), classID: ClassID(schoolClass.id!), guardianIDs: guardianIDs)
        return (admitted, event, entry, enrollment)
    }

    // MARK: Reading

    /// One entry; requires ``Permission/readRegister``.
    public func entry(_ id: RegisterEntryID, by caller: Caller) async throws -> RegisterEntry {
        try caller.require(.readRegister)
        guard let row = try await RegisterEntryRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        return try await Self.value(row, on: database)
    }

    /// The entry of a pupil, if they have one; requires ``Permission/readRegister``, or ``Permission/readClass(_:)``
    /// of a class the pupil is in (the homeroom teacher keeps the pupil's profile).
    public func entry(for student: StudentID, by caller: Caller) async throws -> RegisterEntry? {
        try await People.requireReadable(student, by: caller, on: database)
        guard let row = try await RegisterEntryRow.query(on: database).filter(\.$studentID == student.uuid).first() else { return nil }
        return try await Self.value(row, on: database)
    }

    /// A pupil with their guardians; requires ``Permission/readRegister``, or ``Permission/readClass(_:)`` of a
    /// class the pupil is in (the homeroom teacher needs the family's contacts).
    public func student(_ id: StudentID, by caller: Caller) async throws -> Student {
        try await People.requireReadable(id, by: caller, on: database)
        guard let row = try await StudentRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        let guardians = try await People.guardians(of: [row.id!], on: database)
        return People.student(row, guardians: guardians[row.id!] ?? [])
    }

    /// The register book of the pupils who entered in `year`, by number, with the class each entered; requires
    /// ``Permission/readRegister``.
    public func book(year: SchoolYearID, by caller: Caller) async throws -> RegisterBook {
        try caller.require(.readRegister)
        guard let yearRow = try await SchoolYearRow.find(year.uuid, on: database) else { throw RecordsError.notFound }
        let rows = try await RegisterEntryRow.query(on: database).filter(\.$yearID == year.uuid).sort(\.$number).all()
        let studentIDs = rows.map(\.studentID)
        let students = studentIDs.isEmpty ? [] : try await StudentRow.query(on: database).filter(\.$id ~~ studentIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: students.map { ($0.id!, $0) })
        let enrollments =
            studentIDs.isEmpty
            ? []
            : try await EnrollmentRow.query(on: database)
                .filter(\.$yearID == year.uuid).filter(\.$studentID ~~ studentIDs).all()
        let classIDs = Array(Set(enrollments.map(\.classID)))
        let classes = classIDs.isEmpty ? [] : try await ClassRow.query(on: database).filter(\.$id ~~ classIDs).all()
        let classNames = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0.name) })
        let classOf = Dictionary(enrollments.map { ($0.studentID, classNames[$0.classID] ?? "") }, uniquingKeysWith: { a, _ in a })
        let lines = rows.compactMap { row in
            byID[row.studentID].map {
                RegisterBook.Line(
                    entry: Self.value(row, student: $0, yearName: yearRow.name),
                    className: classOf[row.studentID] ?? "")
            }
        }
        return RegisterBook(school: try await SchoolHeading.load(on: database), yearName: yearRow.name, lines: lines)
    }

    // MARK: Number format

    /// The format new register numbers are printed in.
    public func numberFormat() async throws -> RegisterNumberFormat {
        try await RegisterNumbers.format(on: database)
    }

    /// Changes the format of numbers written from now on (numbers already written keep their text); requires
    /// ``Permission/manageSchool``. A bad pattern is reported under `numberFormat`.
    @discardableResult
    public func setNumberFormat(_ pattern: String, by caller: Caller) async throws -> RegisterNumberFormat {
        try caller.require(.manageSchool)
        let format = try RegisterNumberFormat(pattern: pattern)
        return try await writer.run(by: caller) { db in
            guard let row = try await RegisterSettingsRow.find(1, on: db) else { throw RecordsError.notFound }
            let before = row.numberFormat
            guard before != format.pattern else { return (format, []) }
            row.numberFormat = format.pattern
            try await row.update(on: db)
            return (
                format,
                [
                    AuditEvent(
                        action: "register.numberFormat", entity: AuditEntity.registerSettings.rawValue, entityID: "1",
                        summary: "Đổi mẫu số đăng bộ từ \(before) thành \(format.pattern)",
                        before: ["numberFormat": before], after: ["numberFormat": format.pattern])
                ]
            )
        }
    }

    // MARK: Values

    static func value(_ row: RegisterEntryRow, on db: any Database) async throws -> RegisterEntry {
        guard let student = try await StudentRow.find(row.studentID, on: db),
            let year = try await SchoolYearRow.find(row.yearID, on: db)
        else { throw RecordsError.notFound }
        return value(row, student: student, yearName: year.name)
    }

    static func value(_ row: RegisterEntryRow, student: StudentRow, yearName: String) -> RegisterEntry {
        RegisterEntry(
            id: RegisterEntryID(row.id!), studentID: StudentID(student.id!), number: row.number, numberText: row.numberText,
            yearID: SchoolYearID(row.yearID), yearName: yearName, details: details(row, student: student), version: row.version)
    }

    static func details(_ row: RegisterEntryRow, student: StudentRow) -> RegisterDetails {
        let fallback = SchoolDate(year: 1900, month: 1, day: 1)!
        return RegisterDetails(
            name: student.name, birthDate: SchoolDate(iso: student.birthDate) ?? fallback, sex: Sex(rawValue: student.sex) ?? .male,
            personalID: student.personalID ?? "", ethnicity: student.ethnicity, placeOfBirth: student.placeOfBirth,
            hometown: student.hometown, address: student.address, fatherName: row.fatherName, motherName: row.motherName,
            guardianName: row.guardianName, entryDate: SchoolDate(iso: row.entryDate) ?? fallback, entryGrade: row.entryGrade,
            route: EntryRoute(rawValue: row.route) ?? .gradeOneAdmission, previousSchool: row.previousSchool, notes: row.notes)
    }

    /// SHA‑256 of the details as sorted JSON: lets the audit log prove what was written without holding it.
    static func fingerprint(_ details: RegisterDetails) -> String {
        SecureToken.sha256Hex(AuditEvent.json(details) ?? "")
    }
}
