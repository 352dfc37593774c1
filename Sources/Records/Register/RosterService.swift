import Documents
import FluentKit
import Foundation

/// One pupil on a class roster.
public struct RosterLine: Sendable, Equatable {
    /// STT: the place in the Vietnamese order, from 1.
    public let position: Int
    /// The pupil.
    public let studentID: StudentID
    /// The name in parts.
    public let name: PersonName
    /// Ngày sinh.
    public let birthDate: SchoolDate
    /// Giới tính.
    public let sex: Sex
    /// Dân tộc.
    public let ethnicity: String
    /// Số đăng bộ, if the pupil has an entry.
    public let registerNumber: Int?
    /// The register number as printed, or empty.
    public let registerNumberText: String
    /// Whether the pupil is in the class now; false for one who moved to another class or left the school.
    public let attending: Bool
    /// Why a pupil no longer attends, e.g. "Chuyển trường từ 12/01/2027"; empty while attending.
    public let note: String

    /// A line, e.g. of a proposed class printed before the admission is committed.
    public init(
        position: Int, studentID: StudentID, name: PersonName, birthDate: SchoolDate, sex: Sex, ethnicity: String,
        registerNumber: Int?, registerNumberText: String, attending: Bool = true, note: String = ""
    ) {
        self.attending = attending
        self.note = note
        self.position = position
        self.studentID = studentID
        self.name = name
        self.birthDate = birthDate
        self.sex = sex
        self.ethnicity = ethnicity
        self.registerNumber = registerNumber
        self.registerNumberText = registerNumberText
    }
}

/// Danh sách học sinh: a class's pupils for one school year, in Vietnamese order.
public struct ClassRoster: Sendable, Equatable {
    /// The school, for the printed heading.
    public let school: SchoolHeading
    /// The class.
    public let classID: ClassID
    /// Its name, e.g. "1A".
    public let className: String
    /// The school year's name, e.g. "2026-2027".
    public let yearName: String
    /// The homeroom teacher, if assigned.
    public let homeroomTeacherName: String?
    /// The pupils, STT order.
    public let lines: [RosterLine]

    /// A roster; `lines` are printed in the order given.
    public init(
        school: SchoolHeading, classID: ClassID, className: String, yearName: String, homeroomTeacherName: String?,
        lines: [RosterLine]
    ) {
        self.school = school
        self.classID = classID
        self.className = className
        self.yearName = yearName
        self.homeroomTeacherName = homeroomTeacherName
        self.lines = lines
    }
}

extension ClassRoster {
    /// The figures printed under a roster; only pupils who attend are counted.
    public struct Counts: Sendable, Equatable, Encodable {
        /// Pupils in the class now.
        public let attending: Int
        /// Girls among them.
        public let girls: Int
        /// Pupils of an ethnic minority among them.
        public let minority: Int
        /// Those whose ethnicity is not written yet.
        public let unknownEthnicity: Int
        /// Pupils listed who moved to another class or left the school during the year.
        public let gone: Int
    }

    /// The roster's counts.
    public var counts: Counts {
        let attending = lines.filter(\.attending)
        return Counts(
            attending: attending.count, girls: attending.filter { $0.sex == .female }.count,
            minority: attending.filter { Ethnicity.isMinority($0.ethnicity) }.count,
            unknownEthnicity: attending.filter { $0.ethnicity.isEmpty }.count, gone: lines.count - attending.count)
    }
}

/// Class rosters: who is in a class this year, sorted the Vietnamese way, and the printed list.
public struct RosterService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// A roster service over `database`; `clock` gives the date printed under the roster.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The pupils of class `id` — given name, then middle, then family name, in Vietnamese letter order; the same
    /// name by date of birth, then register number. Requires ``Permission/readClass(_:)``.
    public func roster(class id: ClassID, by caller: Caller) async throws -> ClassRoster {
        try caller.require(.readClass(id))
        guard let schoolClass = try await ClassRow.find(id.uuid, on: database),
            let year = try await SchoolYearRow.find(schoolClass.yearID, on: database)
        else { throw RecordsError.notFound }
        let lines = try await Self.lines(of: schoolClass, on: database)
        var teacher: String?
        if let account = schoolClass.homeroomAccountID { teacher = try await AccountRow.find(account, on: database)?.name.full }
        return ClassRoster(
            school: try await SchoolHeading.load(on: database), classID: id, className: schoolClass.name,
            yearName: year.name, homeroomTeacherName: teacher, lines: lines)
    }

    /// The roster's lines of `schoolClass`, in Vietnamese order: its pupils, and those who moved to another class or
    /// left during the year, with a note.
    static func lines(of schoolClass: ClassRow, on db: any Database) async throws -> [RosterLine] {
        let enrollments = try await EnrollmentRow.query(on: db).filter(\.$classID == schoolClass.id!).all()
        // Pupils who moved to another class during the year stay on this one's roster, marked.
        let movedOut = try await MovementRow.query(on: db).filter(\.$fromClassID == schoolClass.id!)
            .filter(\.$kind == MovementKind.classChange.rawValue).all()
        let here = Set(enrollments.map(\.studentID))
        var notes: [UUID: String] = [:]
        for enrollment in enrollments {
            guard let left = enrollment.leftOn.flatMap(SchoolDate.init(iso:)) else { continue }
            let kind = enrollment.leftKind.flatMap(MovementKind.init(rawValue:)) ?? .transferOut
            notes[enrollment.studentID] = "\(kind.label) từ \(left.display)"
        }
        let targets = Set(movedOut.compactMap(\.toClassID))
        let targetNames =
            targets.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await ClassRow.query(on: db).filter(\.$id ~~ Array(targets)).all().map { ($0.id!, $0.name) }
            )
        for move in movedOut.sorted(by: { $0.onDate < $1.onDate }) where !here.contains(move.studentID) {
            let date = SchoolDate(iso: move.onDate)?.display ?? move.onDate
            notes[move.studentID] = "Chuyển sang lớp \(move.toClassID.flatMap { targetNames[$0] } ?? "khác") từ \(date)"
        }
        let studentIDs = Array(here.union(movedOut.map(\.studentID)))
        let students = studentIDs.isEmpty ? [] : try await StudentRow.query(on: db).filter(\.$id ~~ studentIDs).all()
        let entries = studentIDs.isEmpty ? [] : try await RegisterEntryRow.query(on: db).filter(\.$studentID ~~ studentIDs).all()
        let entryOf = Dictionary(uniqueKeysWithValues: entries.map { ($0.studentID, $0) })
        // Sorted here, not with ORDER BY: PostgreSQL's locale collation may ignore the key's separators, and a
        // class is at most 35 pupils.
        let sorted = students.sorted { a, b in
            if a.sortKey != b.sortKey { return a.sortKey < b.sortKey }
            if a.birthDate != b.birthDate { return a.birthDate < b.birthDate }
            return (entryOf[a.id!]?.number ?? .max) < (entryOf[b.id!]?.number ?? .max)
        }
        return sorted.enumerated().map { index, row in
            let entry = entryOf[row.id!]
            return RosterLine(
                position: index + 1, studentID: StudentID(row.id!), name: row.name,
                birthDate: SchoolDate(iso: row.birthDate) ?? SchoolDate(year: 1900, month: 1, day: 1)!,
                sex: Sex(rawValue: row.sex) ?? .male, ethnicity: row.ethnicity,
                registerNumber: entry?.number, registerNumberText: entry?.numberText ?? "", attending: notes[row.id!] == nil,
                note: notes[row.id!] ?? "")
        }
    }

    /// The roster as a PDF to print (render it off the event loop); requires ``Permission/readClass(_:)``.
    public func document(class id: ClassID, by caller: Caller) async throws -> PDFDocument {
        RegisterPrintouts.roster(try await roster(class: id, by: caller), printedOn: SchoolDate(clock()))
    }
}

/// What the heading of a printed form says about the school.
public struct SchoolHeading: Sendable, Equatable {
    /// The governing authority, e.g. "UBND PHƯỜNG HOÀN KIẾM"; empty when the school has not chosen its ward.
    public let authority: String
    /// The school's name.
    public let school: String
    /// The place written before the date, e.g. "Hoàn Kiếm".
    public let place: String
    /// Hiệu trưởng, for the signature block.
    public let principalName: String

    /// A heading.
    public init(authority: String, school: String, place: String, principalName: String) {
        self.authority = authority
        self.school = school
        self.place = place
        self.principalName = principalName
    }

    /// The heading from the school profile. Since July 2025 a primary school answers to its commune or ward's
    /// People's Committee, so the ward names the authority.
    static func load(on db: any Database, units: AdminUnits = .shared) async throws -> SchoolHeading {
        guard let profile = try await SchoolProfileRow.find(1, on: db) else { throw RecordsError.notSetUp }
        let ward = units.ward(profile.wardCode)?.name ?? ""
        var place = ward
        for prefix in ["Phường ", "Xã ", "Đặc khu "] where place.hasPrefix(prefix) {
            place = String(place.dropFirst(prefix.count))
        }
        return SchoolHeading(
            authority: ward.isEmpty ? "" : "UBND \(ward)".uppercased(), school: profile.name, place: place,
            principalName: profile.principalName)
    }
}

/// Sổ đăng bộ of one school year: the entries of the pupils who entered that year, by number.
public struct RegisterBook: Sendable, Equatable {
    /// One entry with the class the pupil entered.
    public struct Line: Sendable, Equatable {
        /// The entry.
        public let entry: RegisterEntry
        /// The class joined in the year of entry (vào lớp), e.g. "1A".
        public let className: String
    }

    /// The school, for the printed heading.
    public let school: SchoolHeading
    /// The school year, e.g. "2026-2027".
    public let yearName: String
    /// The entries, by number.
    public let lines: [Line]
}
