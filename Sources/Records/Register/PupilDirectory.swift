import FluentKit
import Foundation
import SQLKit

/// One pupil of the register as the pupils list shows them.
public struct PupilListLine: Sendable, Equatable {
    /// The pupil.
    public let studentID: StudentID
    /// Their name in parts.
    public let name: PersonName
    /// Ngày sinh.
    public let birthDate: SchoolDate
    /// Giới tính.
    public let sex: Sex
    /// Số đăng bộ.
    public let registerNumber: String
    /// Their class in the current school year, or empty when they have none.
    public let className: String
}

/// A page of the pupils list and where the next one starts.
public struct PupilListPage: Sendable, Equatable {
    /// The pupils, in Vietnamese name order.
    public let lines: [PupilListLine]
    /// The cursor of the next page, or nil on the last.
    public let next: String?
}

/// Every pupil of the register, in Vietnamese name order, a page at a time: keyset pagination on (sort key, id), so
/// the thousandth page costs what the first does; search by name without diacritics, by personal ID or by register
/// number. One SQL statement per page.
public struct PupilDirectory: Sendable {
    let database: any Database

    /// A directory over `database`.
    public init(database: any Database) {
        self.database = database
    }

    /// Up to `limit` pupils after `cursor` (from a previous page's ``PupilListPage/next``) matching `search`.
    /// Requires ``Permission/readRegister``.
    public func page(search: String = "", after cursor: String? = nil, limit: Int = 100, by caller: Caller) async throws
        -> PupilListPage
    {
        try caller.require(.readRegister)
        let year = try await SchoolYears.current(on: database)
        let sql = database.sql()
        var query: SQLQueryString = """
            SELECT s.id AS id, s.family_name AS family_name, s.middle_name AS middle_name, s.given_name AS given_name,
            s.family_last AS family_last, s.sort_key AS sort_key, s.birth_date AS birth_date, s.sex AS sex,
            r.number_text AS number_text, c.name AS class_name
            FROM students s JOIN register_entries r ON r.student_id = s.id
            LEFT JOIN enrollments e ON e.student_id = s.id AND e.year_id = \(bind: year.id!)
            LEFT JOIN classes c ON c.id = e.class_id WHERE 1 = 1
            """
        let folded = VietnameseText.foldKey(search)
        if !folded.isEmpty {
            let digits = search.filter(\.isNumber)
            // Matches are found by plain scans of the keys, then ordered: walking the name index in order and reading
            // every row to test it would cost a random read per pupil (a second at 150,000 pupils for no match).
            query += " AND (s.id IN (SELECT id FROM students WHERE search_key LIKE \(bind: "%" + folded + "%")"
            if digits.count >= 3 { query += " OR personal_id LIKE \(bind: "%" + digits + "%")" }
            query +=
                ") OR s.id IN (SELECT student_id FROM register_entries WHERE number_text LIKE \(bind: VietnameseText.clean(search) + "%")))"
        }
        if let cursor, let bar = cursor.lastIndex(of: "|"), let id = UUID(uuidString: String(cursor[cursor.index(after: bar)...])) {
            let key = String(cursor[..<bar])
            query += " AND (s.sort_key > \(bind: key) OR (s.sort_key = \(bind: key) AND s.id > \(bind: id)))"
        }
        query += " ORDER BY s.sort_key, s.id LIMIT \(bind: limit + 1)"
        let rows = try await sql.raw(query).all()
        var lines: [PupilListLine] = []
        var last: (String, UUID)?
        for row in rows.prefix(limit) {
            let id = try row.decode(column: "id", as: UUID.self)
            let name = PersonName(
                family: try row.decode(column: "family_name", as: String.self),
                middle: try row.decode(column: "middle_name", as: String.self),
                given: try row.decode(column: "given_name", as: String.self),
                familyLast: try row.decode(column: "family_last", as: Bool.self))
            lines.append(
                PupilListLine(
                    studentID: StudentID(id), name: name,
                    birthDate: SchoolDate(iso: try row.decode(column: "birth_date", as: String.self))
                        ?? SchoolDate(year: 1900, month: 1, day: 1)!,
                    sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .male,
                    registerNumber: try row.decode(column: "number_text", as: String.self),
                    className: try row.decode(column: "class_name", as: String?.self) ?? ""))
            last = (try row.decode(column: "sort_key", as: String.self), id)
        }
        let next = rows.count > limit ? last.map { "\($0.0)|\($0.1.uuidString)" } : nil
        return PupilListPage(lines: lines, next: next)
    }

    /// Every pupil matching `search`, read page by page (for the Excel export). Requires ``Permission/readRegister``.
    public func all(search: String = "", by caller: Caller) async throws -> [PupilListLine] {
        var lines: [PupilListLine] = []
        var cursor: String?
        repeat {
            let page = try await page(search: search, after: cursor, limit: 2_000, by: caller)
            lines += page.lines
            cursor = page.next
        } while cursor != nil
        return lines
    }
}
