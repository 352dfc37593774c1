import FluentKit
import Foundation

/// What a manager may change about a subject.
public struct SubjectDraft: Sendable, Equatable {
    public var name: String
    public var kind: SubjectKind
    public var status: SubjectStatus
    public var isScored: Bool
    public var periodsPerYear: Int?
    public var isActive: Bool

    public init(name: String, kind: SubjectKind, status: SubjectStatus, isScored: Bool, periodsPerYear: Int?, isActive: Bool = true) {
        self.name = name
        self.kind = kind
        self.status = status
        self.isScored = isScored
        self.periodsPerYear = periodsPerYear
        self.isActive = isActive
    }
}

/// Subjects and activities per grade. They are never deleted; a subject no longer taught is made inactive.
public struct SubjectService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Throws unless the caller may add or change subjects (the empty form is shown only to them).
    public func authorizeManaging(by caller: Caller) throws {
        try caller.require(.manageSchool)
    }

    /// Subjects of one grade (or all), in curriculum order.
    public func list(grade: Int? = nil, by caller: Caller) async throws -> [Subject] {
        try caller.require(.viewSchool)
        let query = SubjectRow.query(on: database).sort(\.$grade).sort(\.$sortOrder)
        if let grade { query.filter(\.$grade == grade) }
        return try await query.all().map(Self.value)
    }

    /// One subject.
    public func get(_ id: SubjectID, by caller: Caller) async throws -> Subject {
        try caller.require(.viewSchool)
        guard let row = try await SubjectRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        return Self.value(row)
    }

    /// Changes a subject.
    @discardableResult
    public func update(_ id: SubjectID, _ draft: SubjectDraft, by caller: Caller) async throws -> Subject {
        try caller.require(.manageSchool)
        let clean = try Self.validate(draft)
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await SubjectRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            let before = Self.value(row)
            Self.apply(clean, to: row)
            try await row.update(on: db)
            let after = Self.value(row)
            return (
                after,
                [
                    AuditEvent(
                        action: "subject.update", entity: AuditEntity.subject.rawValue, entityID: id.description,
                        summary: "Sửa môn \(row.name) khối \(row.grade)", before: before, after: after)
                ]
            )
        }
    }

    /// Adds a subject to a grade (for example a local elective).
    @discardableResult
    public func create(grade: Int?, code: String, _ draft: SubjectDraft, by caller: Caller) async throws -> Subject {
        try caller.require(.manageSchool)
        var problems = FieldProblems()
        let code = VietnameseText.foldKey(code).uppercased().filter { $0.isLetter || $0.isNumber }
        guard let grade, (1...5).contains(grade) else { throw FieldProblems("grade", "Vui lòng chọn khối từ 1 đến 5.") }
        if code.isEmpty || code.count > 12 { problems.add("code", "Mã môn gồm 1–12 chữ cái hoặc chữ số.") }
        try problems.throwIfAny()
        let clean = try Self.validate(draft)
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            if try await SubjectRow.query(on: db).filter(\.$grade == grade).filter(\.$code == code).first() != nil {
                throw FieldProblems("code", "Khối \(grade) đã có môn mã \(code).")
            }
            let last = try await SubjectRow.query(on: db).filter(\.$grade == grade).max(\.$sortOrder) ?? 0
            let row = SubjectRow()
            row.id = UUID()
            row.grade = grade
            row.code = code
            row.sortOrder = last + 1
            Self.apply(clean, to: row)
            try await row.create(on: db)
            let value = Self.value(row)
            return (
                value,
                [
                    AuditEvent(
                        action: "subject.create", entity: AuditEntity.subject.rawValue, entityID: row.id!.uuidString,
                        summary: "Thêm môn \(row.name) khối \(grade)", before: Subject?.none, after: value)
                ]
            )
        }
    }

    static func validate(_ draft: SubjectDraft) throws -> SubjectDraft {
        var clean = draft
        clean.name = VietnameseText.clean(draft.name)
        var problems = FieldProblems()
        if clean.name.isEmpty { problems.add("name", "Vui lòng nhập tên môn học.") }
        if clean.name.count > 80 { problems.add("name", "Tên môn học dài tối đa 80 ký tự.") }
        if let periods = clean.periodsPerYear, (0...1000).contains(periods) {
        } else {
            problems.add("periodsPerYear", "Số tiết một năm là một số từ 0 đến 1000.")
        }
        try problems.throwIfAny()
        return clean
    }

    static func apply(_ draft: SubjectDraft, to row: SubjectRow) {
        row.name = draft.name
        row.kind = draft.kind.rawValue
        row.status = draft.status.rawValue
        row.isScored = draft.isScored
        row.periodsPerYear = draft.periodsPerYear ?? 0
        row.isActive = draft.isActive
    }

    static func value(_ row: SubjectRow) -> Subject {
        Subject(
            id: SubjectID(row.id!), grade: row.grade, code: row.code, name: row.name,
            kind: SubjectKind(rawValue: row.kind) ?? .subject, status: SubjectStatus(rawValue: row.status) ?? .compulsory,
            isScored: row.isScored, periodsPerYear: row.periodsPerYear, sortOrder: row.sortOrder, isActive: row.isActive)
    }
}
