import FluentKit
import Foundation

/// Học bạ: a pupil's transcript for one school year, as TT27's form lays it out — the identity page, the school
/// history, and the year page (subjects with their year-end levels, scores and comments; qualities and competencies;
/// the homeroom teacher's comment; the result, awards and completion; the places of the signatures).
public struct Transcript: Sendable, Equatable {
    /// One year of the school history.
    public struct HistoryLine: Sendable, Equatable {
        public let yearName: String
        public let className: String
        public let schoolName: String
        public let enrolledOn: SchoolDate?
    }

    /// One subject or activity at the end of the year.
    public struct SubjectLine: Sendable, Equatable {
        public let name: String
        public let level: String
        public let score: String
        public let comment: String
    }

    /// One quality or competency at the end of the year.
    public struct CompetenceLine: Sendable, Equatable {
        public let kind: String
        public let name: String
        public let level: String
    }

    public let school: SchoolHeading
    public let studentID: StudentID
    public let registerNumber: String
    public let pupil: RegisterDetails
    public let history: [HistoryLine]
    public let yearName: String
    public let className: String
    public let grade: Int
    public let rulebookName: String
    public let subjects: [SubjectLine]
    public let competences: [CompetenceLine]
    public let comment: String
    /// "Hoàn thành tốt", or nil while values are missing.
    public let result: String?
    public let awards: [String]
    public let completion: String?
    /// Values not entered yet: a transcript with any is a draft, not signed.
    public let missing: [String]
    public let homeroomTeacherName: String?
}

/// Makes học bạ from the register and the assessment book.
public struct TranscriptService: Sendable {
    let database: any Database

    /// A service over `database`.
    public init(database: any Database) { self.database = database }

    /// The transcript of `student` for the school year of class `id` (a class the pupil attended that year). Requires
    /// ``Permission/readClass(_:)`` for the class, or ``Permission/readRegister``.
    public func transcript(of student: StudentID, class id: ClassID, by caller: Caller) async throws -> Transcript {
        guard caller.may(.readClass(id)) || caller.may(.readRegister) else { throw RecordsError.forbidden }
        return try await Self.transcript(of: student, class: id, on: database)
    }

    /// Every attending pupil's transcript of class `id`, in roster order. Same rights as
    /// ``transcript(of:class:by:)``.
    public func transcripts(class id: ClassID, by caller: Caller) async throws -> [Transcript] {
        guard caller.may(.readClass(id)) || caller.may(.readRegister) else { throw RecordsError.forbidden }
        let context = try await ClassContext.load(id, on: database)
        var result: [Transcript] = []
        for pupil in context.results { result.append(try await context.transcript(of: pupil.studentID, on: database)) }
        return result
    }

    static func transcript(of student: StudentID, class id: ClassID, on db: any Database) async throws -> Transcript {
        guard try await EnrollmentRow.query(on: db).filter(\.$studentID == student.uuid).filter(\.$classID == id.uuid).first() != nil
        else { throw RecordsError.notFound }
        return try await ClassContext.load(id, on: db).transcript(of: student, on: db)
    }

    /// What every transcript of one class shares: the school, the class's year-end book and results, its teacher.
    struct ClassContext {
        let school: SchoolHeading
        let book: ClassBook
        let results: [PupilYearResult]
        let teacherName: String?

        static func load(_ id: ClassID, on db: any Database) async throws -> ClassContext {
            let book = try await ClassBook.load(id, checkpoint: .endOfYear, on: db)
            return ClassContext(
                school: try await SchoolHeading.load(on: db), book: book,
                results: try await AssessmentService.yearResults(class: id, on: db),
                teacherName: try await AccountRow.find(book.schoolClass.homeroomAccountID, on: db)?.name.full)
        }

        func transcript(of student: StudentID, on db: any Database) async throws -> Transcript {
            guard let pupil = try await StudentRow.find(student.uuid, on: db),
                let entry = try await RegisterEntryRow.query(on: db).filter(\.$studentID == student.uuid).first()
            else { throw RecordsError.notFound }
            let mine = Dictionary((book.values[student.uuid] ?? []).map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
            let subjects = book.subjects.map { subject in
                let item = AssessmentService.item(SubjectID(subject.id!))
                let value = mine[AssessmentService.retestPrefix + item] ?? mine[item]
                return Transcript.SubjectLine(
                    name: subject.name, level: value?.level ?? "", score: value?.score.map(String.init) ?? "",
                    comment: mine[item]?.comment ?? "")
            }
            let competences = book.items.map { Transcript.CompetenceLine(kind: $0.kind, name: $0.name, level: mine[$0.key]?.level ?? "") }
            let result = results.first { $0.studentID == student }
            return Transcript(
                school: school, studentID: student, registerNumber: entry.numberText, pupil: RegisterService.details(entry, student: pupil),
                history: try await TranscriptService.history(of: student, school: school.school, on: db), yearName: book.year.name,
                className: book.schoolClass.name, grade: book.schoolClass.grade, rulebookName: book.rulebook.name, subjects: subjects,
                competences: competences, comment: mine[AssessmentService.commentItem]?.comment ?? "",
                result: result?.outcome.result?.label, awards: result?.outcome.awards ?? [], completion: result?.completion,
                missing: result?.outcome.missing ?? [], homeroomTeacherName: teacherName)
        }
    }

    /// The pupil's years at this school, oldest first (a class changed within a year shows the latest).
    static func history(of student: StudentID, school: String, on db: any Database) async throws -> [Transcript.HistoryLine] {
        let enrollments = try await EnrollmentRow.query(on: db).filter(\.$studentID == student.uuid).sort(\.$enrolledOn).all()
        var byYear: [UUID: Transcript.HistoryLine] = [:]
        var order: [(String, UUID)] = []
        for enrollment in enrollments {
            guard let schoolClass = try await ClassRow.find(enrollment.classID, on: db),
                let year = try await SchoolYearRow.find(enrollment.yearID, on: db)
            else { continue }
            if byYear[year.id!] == nil { order.append((year.name, year.id!)) }
            byYear[year.id!] = Transcript.HistoryLine(
                yearName: year.name, className: schoolClass.name, schoolName: school, enrolledOn: SchoolDate(iso: enrollment.enrolledOn))
        }
        return order.sorted { $0.0 < $1.0 }.compactMap { byYear[$0.1] }
    }
}
