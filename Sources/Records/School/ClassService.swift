import FluentKit
import Foundation

/// Classes of the current school year: create, change, list. Classes are never deleted.
public struct ClassService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    let rules: ClassRules

    public init(database: any Database, rules: ClassRules = .init(), clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.rules = rules
        self.clock = clock
    }

    /// Throws unless the caller may add or change classes (the empty form is shown only to them).
    public func authorizeManaging(by caller: Caller) throws {
        try caller.require(.manageSchool)
    }

    /// Classes of the current year, by grade then name.
    public func list(by caller: Caller) async throws -> [SchoolClass] {
        try caller.require(.viewSchool)
        let year = try await SchoolYears.current(on: database)
        let rows = try await ClassRow.query(on: database).filter(\.$yearID == year.id!).sort(\.$sortKey).all()
        let names = try await Self.teacherNames(Set(rows.compactMap(\.homeroomAccountID)), on: database)
        return rows.map { Self.value($0, names: names) }
    }

    /// Classes of any school year (for example next year's grade‑1 classes before that year starts).
    public func list(year: SchoolYearID, by caller: Caller) async throws -> [SchoolClass] {
        try caller.require(.viewSchool)
        let rows = try await ClassRow.query(on: database).filter(\.$yearID == year.uuid).sort(\.$sortKey).all()
        let names = try await Self.teacherNames(Set(rows.compactMap(\.homeroomAccountID)), on: database)
        return rows.map { Self.value($0, names: names) }
    }

    /// One class; requires ``Permission/readClass(_:)``.
    public func get(_ id: ClassID, by caller: Caller) async throws -> SchoolClass {
        try caller.require(.readClass(id))
        guard let row = try await ClassRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        return Self.value(row, names: try await Self.teacherNames(Set([row.homeroomAccountID].compactMap { $0 }), on: database))
    }

    /// Creates a class in the current year (or in `year`, for example next year's grade‑1 classes before it starts);
    /// a homeroom teacher, if named, is assigned in the same transaction.
    @discardableResult
    public func create(_ draft: ClassDraft, year yearID: SchoolYearID? = nil, by caller: Caller) async throws -> SchoolClass {
        try caller.require(.manageSchool)
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let year: SchoolYearRow
            if let yearID {
                guard let row = try await SchoolYearRow.find(yearID.uuid, on: db) else { throw RecordsError.notFound }
                year = row
            } else {
                year = try await SchoolYears.current(on: db)
            }
            let clean = try await validate(draft, year: year, editing: nil, on: db)
            let row = ClassRow()
            row.id = UUID()
            row.yearID = year.id!
            row.version = 1
            apply(clean, to: row)
            try await row.create(on: db)
            var events = [
                AuditEvent(
                    action: "class.create", entity: AuditEntity.class.rawValue, entityID: row.id!.uuidString,
                    summary: "Tạo lớp \(row.name) (khối \(row.grade)) năm học \(year.name)",
                    before: ClassSnapshot?.none, after: ClassSnapshot(row))
            ]
            let names = try await Self.teacherNames(Set([row.homeroomAccountID].compactMap { $0 }), on: db)
            if let teacher = row.homeroomAccountID {
                events.append(Self.homeroomEvent(row, teacher: names[teacher]))
            }
            return (Self.value(row, names: names), events)
        }
    }

    /// Changes a class. `version` is the version the form was loaded with; a newer stored version is refused.
    @discardableResult
    public func update(_ id: ClassID, _ draft: ClassDraft, version: Int, by caller: Caller) async throws -> SchoolClass {
        try caller.require(.manageSchool)
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await ClassRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            guard row.version == version else { throw RecordsError.staleEdit }
            guard let year = try await SchoolYearRow.find(row.yearID, on: db) else { throw RecordsError.notFound }
            let clean = try await validate(draft, year: year, editing: row.id, on: db)
            let before = ClassSnapshot(row)
            let oldTeacher = row.homeroomAccountID
            apply(clean, to: row)
            row.version += 1
            try await row.update(on: db)
            var events = [
                AuditEvent(
                    action: "class.update", entity: AuditEntity.class.rawValue, entityID: id.description,
                    summary: "Sửa lớp \(row.name)", before: before, after: ClassSnapshot(row))
            ]
            let names = try await Self.teacherNames(Set([row.homeroomAccountID].compactMap { $0 }), on: db)
            if oldTeacher != row.homeroomAccountID {
                events.append(Self.homeroomEvent(row, teacher: row.homeroomAccountID.flatMap { names[$0] }))
            }
            return (Self.value(row, names: names), events)
        }
    }

    private func validate(_ draft: ClassDraft, year: SchoolYearRow, editing: UUID?, on db: any Database) async throws -> ClassDraft {
        var clean = draft
        clean.name = VietnameseText.clean(draft.name)
        clean.room = VietnameseText.clean(draft.room)
        var problems = FieldProblems()
        if clean.name.isEmpty {
            problems.add("name", "Vui lòng nhập tên lớp.")
        } else if clean.name.count > 20 {
            problems.add("name", "Tên lớp dài tối đa 20 ký tự.")
        } else if let other = try await ClassRow.query(on: db).filter(\.$yearID == year.id!).filter(\.$name == clean.name).first(),
            other.id != editing
        {
            problems.add("name", "Năm học \(year.name) đã có lớp \(clean.name).")
        }
        if let grade = clean.grade, (1...5).contains(grade) {} else { problems.add("grade", "Vui lòng chọn khối từ 1 đến 5.") }
        if clean.room.count > 40 { problems.add("room", "Tên phòng học dài tối đa 40 ký tự.") }
        let limit = clean.isMultiGrade ? rules.maxPupilsMultiGrade : rules.maxPupils
        if let capacity = clean.capacity, capacity >= 1 {
            if capacity > limit {
                problems.add(
                    "capacity",
                    clean.isMultiGrade
                        ? "Lớp ghép có tối đa \(limit) học sinh." : "Mỗi lớp có tối đa \(limit) học sinh.")
            }
        } else {
            problems.add("capacity", "Vui lòng nhập sĩ số tối đa là một số từ 1 đến \(limit).")
        }
        if let teacher = clean.homeroomTeacherID {
            if let account = try await AccountRow.find(teacher.uuid, on: db), !account.isDisabled {
                if let busy = try await ClassRow.query(on: db).filter(\.$yearID == year.id!)
                    .filter(\.$homeroomAccountID == teacher.uuid).first(), busy.id != editing
                {
                    problems.add("homeroomTeacherID", "\(account.name.full) đã chủ nhiệm lớp \(busy.name) trong năm học này.")
                }
            } else {
                problems.add("homeroomTeacherID", "Giáo viên đã chọn không còn hoạt động.")
            }
        }
        try problems.throwIfAny()
        return clean
    }

    private func apply(_ draft: ClassDraft, to row: ClassRow) {
        row.name = draft.name
        row.grade = draft.grade ?? 1
        row.homeroomAccountID = draft.homeroomTeacherID?.uuid
        row.room = draft.room
        row.capacity = draft.capacity ?? rules.maxPupils
        row.isMultiGrade = draft.isMultiGrade
        row.sortKey = ClassRow.sortKey(grade: row.grade, name: row.name)
    }

    static func homeroomEvent(_ row: ClassRow, teacher: String?) -> AuditEvent {
        let summary = teacher.map { "Phân công chủ nhiệm lớp \(row.name): \($0)" } ?? "Bỏ phân công chủ nhiệm lớp \(row.name)"
        return AuditEvent(
            action: "class.assignHomeroom", entity: AuditEntity.class.rawValue, entityID: row.id!.uuidString,
            summary: summary, before: [String: String]?.none,
            after: ["homeroomAccountID": row.homeroomAccountID?.uuidString.lowercased() ?? "", "teacher": teacher ?? ""])
    }

    static func teacherNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await AccountRow.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0.name.full) })
    }

    static func value(_ row: ClassRow, names: [UUID: String]) -> SchoolClass {
        SchoolClass(
            id: ClassID(row.id!), yearID: SchoolYearID(row.yearID), name: row.name, grade: row.grade,
            homeroomTeacherID: row.homeroomAccountID.map(AccountID.init),
            homeroomTeacherName: row.homeroomAccountID.flatMap { names[$0] },
            room: row.room, capacity: row.capacity, isMultiGrade: row.isMultiGrade, version: row.version)
    }
}

struct ClassSnapshot: Codable {
    let name: String
    let grade: Int
    let homeroomAccountID: String?
    let room: String
    let capacity: Int
    let isMultiGrade: Bool

    init(_ row: ClassRow) {
        name = row.name
        grade = row.grade
        homeroomAccountID = row.homeroomAccountID?.uuidString.lowercased()
        room = row.room
        capacity = row.capacity
        isMultiGrade = row.isMultiGrade
    }
}
