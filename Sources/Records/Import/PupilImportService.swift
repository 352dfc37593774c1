import Documents
import FluentKit
import Foundation

/// Brings the pupils a school already has — grades 1 to 5, kept until now in vnEdu, SMAS, MISA EMIS or Excel —
/// into the register and the classes of a school year: upload, a preview that names every bad line and lets the
/// user choose what unknown columns mean, then one all-or-nothing import. Requires ``Permission/writeRegister``.
public struct PupilImportService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// An import service over `database`; `clock` dates the batches, the entries and the audit log.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Keeps an uploaded file for its preview and returns the batch's ID, or a Vietnamese message saying why the file
    /// cannot be read (old .xls, password, no header row) — then nothing is stored.
    public func upload(
        filename: String, bytes: [UInt8], year: SchoolYearID, by caller: Caller
    ) async throws -> Result<UUID, SpreadsheetFile.Unreadable> {
        try caller.require(.writeRegister)
        guard let yearRow = try await SchoolYearRow.find(year.uuid, on: database) else { throw RecordsError.notFound }
        let table: [[String]]
        switch SpreadsheetFile.table(bytes, fillingMerged: true) {
        case .failure(let unreadable): return .failure(unreadable)
        case .success(let rows): table = rows
        }
        let remembered = try await Self.remembered(on: database)
        let parsed = PupilImportParser.parse(
            table, choices: .init(), remembered: remembered, entryDefault: yearRow.value().dates.startsOn)
        if let problem = parsed.fileProblem { return .failure(SpreadsheetFile.Unreadable(message: problem)) }
        let row = PupilImportBatchRow()
        row.id = UUID()
        row.yearID = yearRow.id!
        row.filename = String(VietnameseText.clean(filename).prefix(200))
        row.sha256 = SecureToken.sha256Hex(bytes)
        row.content = Data(bytes).base64EncodedString()
        row.choicesJSON = try Self.json(PupilImportChoices())
        row.createdByID = caller.accountID?.uuid
        row.createdAt = Timestamps.storage(clock())
        try await row.create(on: database)
        return .success(row.id!)
    }

    /// The stored upload.
    public func batch(_ id: UUID, by caller: Caller) async throws -> PupilImportBatch {
        try caller.require(.writeRegister)
        return try Self.value(try await Self.row(id, on: database))
    }

    /// The file read against the school as it is now, with the choices made so far.
    public func preview(_ id: UUID, by caller: Caller) async throws -> PupilImportPreview {
        try caller.require(.writeRegister)
        return try await Self.check(try await Self.row(id, on: database), on: database).preview
    }

    /// Stores the user's choices (and remembers the meaning chosen for each column whose header was not known) and
    /// returns the preview they give.
    @discardableResult
    public func choose(_ choices: PupilImportChoices, for id: UUID, by caller: Caller) async throws -> PupilImportPreview {
        try caller.require(.writeRegister)
        let row = try await Self.row(id, on: database)
        guard row.importedAt == nil else { throw RecordsError.notFound }
        var clean = choices
        clean.defaultClass = String(VietnameseText.clean(choices.defaultClass).prefix(20))
        row.choicesJSON = try Self.json(clean)
        try await row.update(on: database)
        let checked = try await Self.check(row, on: database)
        try await ColumnChoices.remember(
            clean.columns.mapValues(\.rawValue), headers: checked.preview.headers, known: { PupilColumn.recognising($0) != nil },
            key: PupilImportParser.rememberKey, at: clock(), on: database)
        return checked.preview
    }

    /// Imports a previewed file: every pupil gets a register entry (keeping the earlier book's number when the file
    /// has one), a place in their class and their parents — all in one transaction, with the classes it creates, or
    /// nothing if any line is bad when checked again now. `progress` hears how far it has come (checking, then
    /// rows written), and ``ImportProgress/Stage/done`` once it has committed.
    public func commit(_ id: UUID, by caller: Caller, progress: ImportProgressReport? = nil) async throws -> PupilImportResult {
        try caller.require(.writeRegister)
        let now = clock()
        let result = try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let row = try await Self.row(id, on: db)
            guard row.importedAt == nil else {
                throw FieldProblems("file", "Tệp này đã được nhập lúc \(Timestamps.display(Timestamps.parseStorage(row.importedAt!)!)).")
            }
            progress?(ImportProgress(stage: .checking, done: 0, total: 0))
            var checked = try await Self.check(row, on: db)
            progress?(ImportProgress(stage: .checking, done: checked.preview.lines.count, total: checked.preview.lines.count))
            guard checked.preview.isImportable else {
                let count = checked.preview.badLines.count + checked.preview.columnProblems.count
                throw FieldProblems("file", "Danh sách còn \(count) lỗi; sửa trên trang xem trước hoặc sửa tệp rồi tải lên lại.")
            }
            guard let year = try await SchoolYearRow.find(row.yearID, on: db) else { throw RecordsError.notFound }
            var events: [AuditEvent] = []
            let joining = checked.joining
            for name in checked.preview.missingClasses {
                let count = joining[PupilImportCheck.classKey(name)] ?? 0
                let created = try await Self.createClass(name, count: count, year: year, on: db)
                checked.classes[PupilImportCheck.classKey(name)] = created
                events.append(
                    AuditEvent(
                        action: "class.create", entity: AuditEntity.class.rawValue, entityID: created.id!.uuidString,
                        summary: "Tạo lớp \(created.name) (khối \(created.grade)) năm học \(year.name) khi nhập danh sách học sinh",
                        before: [String: String]?.none, after: ["name": created.name, "grade": String(created.grade)]))
            }
            let pupils = checked.preview.lines.map { checked.newPupil($0) }
            let admission = try await RegisterService.admit(
                pupils, into: SchoolYearID(year.id!), by: caller, at: now, on: db, progress: progress)
            row.importedAt = Timestamps.storage(now)
            try await row.update(on: db)
            // One event for the whole file, as the school sees it; it fingerprints every entry written, in number
            // order, so the log still proves what each entry said when it was imported.
            let entries = admission.pupils.map(\.entry)
            events.append(
                AuditEvent(
                    action: "pupils.import", entity: AuditEntity.registerEntry.rawValue, entityID: row.id!.uuidString,
                    summary: "Nhập \(pupils.count) học sinh từ tệp \(row.filename) vào sổ đăng bộ năm học \(year.name)",
                    before: [String: String]?.none,
                    after: [
                        "filename": row.filename, "fileSha256": row.sha256, "pupils": String(pupils.count),
                        "numbers": "\(entries.first?.numberText ?? "") … \(entries.last?.numberText ?? "")",
                        "entriesSha256": SecureToken.sha256Hex(
                            entries.map { "\($0.number)|\($0.id)|\(RegisterService.fingerprint($0.details))" }.joined(separator: "\n")),
                    ]))
            return (PupilImportResult(pupils: pupils.count, createdClasses: checked.preview.missingClasses), events)
        }
        progress?(ImportProgress(stage: .done, done: result.pupils, total: result.pupils))
        return result
    }

    /// A table read as a pupil list on its own, without the school's classes and register: what the preview shows
    /// before the database is asked. `remembered` maps folded headers to the columns chosen for them earlier.
    public static func read(
        _ table: [[String]], choices: PupilImportChoices = .init(), remembered: [String: PupilColumn] = [:],
        entryDefault: SchoolDate
    ) -> PupilImportPreview {
        PupilImportParser.parse(table, choices: choices, remembered: remembered, entryDefault: entryDefault)
    }

    // MARK: Storage

    static func row(_ id: UUID, on db: any Database) async throws -> PupilImportBatchRow {
        guard let row = try await PupilImportBatchRow.find(id, on: db) else { throw RecordsError.notFound }
        return row
    }

    static func value(_ row: PupilImportBatchRow) throws -> PupilImportBatch {
        PupilImportBatch(
            id: row.id!, yearID: SchoolYearID(row.yearID), filename: row.filename, choices: try choices(row),
            importedAt: row.importedAt.flatMap(Timestamps.parseStorage))
    }

    static func choices(_ row: PupilImportBatchRow) throws -> PupilImportChoices {
        try JSONDecoder().decode(PupilImportChoices.self, from: Data(row.choicesJSON.utf8))
    }

    static func json(_ choices: PupilImportChoices) throws -> String {
        String(decoding: try JSONEncoder().encode(choices), as: UTF8.self)
    }

    static func remembered(on db: any Database) async throws -> [String: PupilColumn] {
        var result: [String: PupilColumn] = [:]
        for row in try await ImportColumnChoiceRow.query(on: db).all() {
            if let id = row.id, let column = PupilColumn(rawValue: row.columnName) { result[id] = column }
        }
        return result
    }

    static func check(_ row: PupilImportBatchRow, on db: any Database) async throws -> PupilImportCheck {
        guard let year = try await SchoolYearRow.find(row.yearID, on: db), let bytes = Data(base64Encoded: row.content) else {
            throw RecordsError.notFound
        }
        guard case .success(let table) = SpreadsheetFile.table(Array(bytes), fillingMerged: true) else { throw RecordsError.notFound }
        let choices = try choices(row)
        let parsed = PupilImportParser.parse(
            table, choices: choices, remembered: try await remembered(on: db), entryDefault: year.value().dates.startsOn)
        return try await PupilImportCheck.run(parsed, choices: choices, year: year, on: db)
    }

    static func createClass(_ name: String, count: Int, year: SchoolYearRow, on db: any Database) async throws -> ClassRow {
        let row = ClassRow()
        row.id = UUID()
        row.yearID = year.id!
        row.name = name
        row.grade = PupilImportCheck.grade(of: name) ?? 1
        row.room = ""
        row.capacity = max(ClassRules().maxPupils, count)
        row.isMultiGrade = false
        row.sortKey = ClassRow.sortKey(grade: row.grade, name: row.name)
        row.version = 1
        try await row.create(on: db)
        return row
    }
}
