import FluentKit
import Foundation

/// Teaching assignments of the current year: which subject teacher (GVBM) teaches which subject in which class.
public struct TeachingService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Every assignment of the current year, by class then subject.
    public func list(by caller: Caller) async throws -> [TeachingAssignment] {
        try caller.require(.viewSchool)
        let year = try await SchoolYears.current(on: database)
        let rows = try await TeachingAssignmentRow.query(on: database).filter(\.$yearID == year.id!).all()
        return try await Self.values(rows, on: database)
    }

    /// Assigns `teacher` to teach `subject` in each of `classes`; classes must be of the subject's grade.
    @discardableResult
    public func assign(teacher: AccountID?, subject: SubjectID?, classes: [ClassID], by caller: Caller) async throws -> [TeachingAssignment]
    {
        try caller.require(.manageSchool)
        var problems = FieldProblems()
        if teacher == nil { problems.add("teacherID", "Vui lòng chọn giáo viên.") }
        if subject == nil { problems.add("subjectID", "Vui lòng chọn môn học.") }
        if classes.isEmpty { problems.add("classIDs", "Vui lòng chọn ít nhất một lớp.") }
        try problems.throwIfAny()
        guard let teacher, let subject else { return [] }
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let year = try await SchoolYears.current(on: db)
            guard let account = try await AccountRow.find(teacher.uuid, on: db), !account.isDisabled else {
                throw FieldProblems("teacherID", "Giáo viên đã chọn không còn hoạt động.")
            }
            guard let subjectRow = try await SubjectRow.find(subject.uuid, on: db) else {
                throw FieldProblems("subjectID", "Môn học không tồn tại.")
            }
            var created: [TeachingAssignmentRow] = []
            var events: [AuditEvent] = []
            for classID in classes {
                guard let classRow = try await ClassRow.find(classID.uuid, on: db), classRow.yearID == year.id else {
                    throw FieldProblems("classIDs", "Lớp đã chọn không thuộc năm học hiện tại.")
                }
                if classRow.grade != subjectRow.grade && !classRow.isMultiGrade {
                    throw FieldProblems("classIDs", "Lớp \(classRow.name) không học môn \(subjectRow.name) khối \(subjectRow.grade).")
                }
                let exists = try await TeachingAssignmentRow.query(on: db).filter(\.$classID == classID.uuid)
                    .filter(\.$subjectID == subject.uuid).filter(\.$accountID == teacher.uuid).first()
                if exists != nil { continue }
                let row = TeachingAssignmentRow()
                row.id = UUID()
                row.yearID = year.id!
                row.accountID = teacher.uuid
                row.classID = classID.uuid
                row.subjectID = subject.uuid
                try await row.create(on: db)
                created.append(row)
                events.append(
                    AuditEvent(
                        action: "teaching.assign", entity: AuditEntity.teaching.rawValue, entityID: row.id!.uuidString,
                        summary: "Phân công \(account.name.full) dạy \(subjectRow.name) lớp \(classRow.name)",
                        before: [String: String]?.none,
                        after: ["teacher": account.username, "subject": subjectRow.code, "class": classRow.name]))
            }
            return (try await Self.values(created, on: db), events)
        }
    }

    /// Ends an assignment. The row goes; the audit log keeps what it was.
    public func remove(_ id: TeachingAssignmentID, by caller: Caller) async throws {
        try caller.require(.manageSchool)
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await TeachingAssignmentRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            let value = try await Self.values([row], on: db)[0]
            try await row.delete(on: db)
            return (
                (),
                [
                    AuditEvent(
                        action: "teaching.remove", entity: AuditEntity.teaching.rawValue, entityID: id.description,
                        summary: "Thôi phân công \(value.teacherName) dạy \(value.subjectName) lớp \(value.className)",
                        before: ["teacher": value.teacherName, "subject": value.subjectName, "class": value.className],
                        after: [String: String]?.none)
                ]
            )
        }
    }

    static func values(_ rows: [TeachingAssignmentRow], on db: any Database) async throws -> [TeachingAssignment] {
        guard !rows.isEmpty else { return [] }
        let accounts = try await AccountRow.query(on: db).filter(\.$id ~~ Set(rows.map(\.accountID))).all()
        let classes = try await ClassRow.query(on: db).filter(\.$id ~~ Set(rows.map(\.classID))).all()
        let subjects = try await SubjectRow.query(on: db).filter(\.$id ~~ Set(rows.map(\.subjectID))).all()
        let names = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id!, $0.name.full) })
        let classByID = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) })
        let subjectByID = Dictionary(uniqueKeysWithValues: subjects.map { ($0.id!, $0) })
        return rows.map { row in
            TeachingAssignment(
                id: TeachingAssignmentID(row.id!), accountID: AccountID(row.accountID), teacherName: names[row.accountID] ?? "",
                classID: ClassID(row.classID), className: classByID[row.classID]?.name ?? "",
                subjectID: SubjectID(row.subjectID), subjectName: subjectByID[row.subjectID]?.name ?? "")
        }
        .sorted { ($0.className, $0.subjectName) < ($1.className, $1.subjectName) }
    }
}
