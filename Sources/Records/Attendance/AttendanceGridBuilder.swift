import FluentKit
import Foundation

extension AttendanceService {
    /// The grid, read on `db` (inside a save's transaction too).
    static func grid(class id: ClassID, month: SchoolMonth, today: SchoolDate, on db: any Database) async throws -> AttendanceGrid {
        guard let schoolClass = try await ClassRow.find(id.uuid, on: db),
            let year = try await SchoolYearRow.find(schoolClass.yearID, on: db)
        else { throw RecordsError.notFound }
        let dates = year.value().dates
        let months = SchoolMonth.months(of: dates)
        guard months.contains(month) else {
            throw FieldProblems("month", "Tháng \(month) không thuộc năm học \(year.name).")
        }
        let days = month.days.filter { day in
            day >= dates.startsOn && day <= dates.endsOn && day.weekday != 1 && day.weekday != 7
        }
        let roster = try await RosterService.lines(of: schoolClass, on: db)
        let students = roster.map(\.studentID.uuid)
        let absences =
            students.isEmpty
            ? []
            : try await AbsenceRow.query(on: db).filter(\.$studentID ~~ students)
                .filter(\.$day >= dates.startsOn.iso).filter(\.$day <= dates.endsOn.iso).all()
        let byStudent = Dictionary(grouping: absences, by: \.studentID)
        let enrollments =
            students.isEmpty
            ? []
            : try await EnrollmentRow.query(on: db).filter(\.$studentID ~~ students)
                .filter(\.$yearID == year.id!).all()
        let enrollmentOf = Dictionary(enrollments.map { ($0.studentID, $0) }, uniquingKeysWith: { first, _ in first })
        let inTerm1 = SchoolMonth(dates.term1EndsOn) >= month
        let term = inTerm1 ? dates.startsOn...dates.term1EndsOn : dates.term2StartsOn...dates.endsOn
        let lines = roster.map { line in
            var marks: [Int: AbsenceKind] = [:]
            var monthCount = AbsenceCount()
            var termCount = AbsenceCount()
            var yearCount = AbsenceCount()
            for row in byStudent[line.studentID.uuid] ?? [] {
                guard let day = SchoolDate(iso: row.day) else { continue }
                let kind = AbsenceKind(rawValue: row.kind) ?? .unexcused
                yearCount.add(kind)
                if term.contains(day) { termCount.add(kind) }
                if SchoolMonth(day) == month {
                    monthCount.add(kind)
                    if row.classID == id.uuid { marks[day.day] = kind }
                }
            }
            let enrollment = enrollmentOf[line.studentID.uuid]
            let here = enrollment?.classID == id.uuid
            let left = enrollment?.leftOn.flatMap(SchoolDate.init(iso:))
            let open = Set(days.filter { day in here && day <= today && (left.map { day < $0 } ?? true) }.map(\.day))
            return AttendanceGrid.Line(
                studentID: line.studentID, position: line.position, name: line.name, marks: marks, open: open, note: line.note,
                month: monthCount, term: termCount, year: yearCount)
        }
        let stamp = try await Self.stamp(class: id, month: month, on: db)
        return AttendanceGrid(
            classID: id, className: schoolClass.name, yearName: year.name, month: month, months: months, days: days, lines: lines,
            version: stamp?.version ?? 0, updatedBy: stamp?.updatedByName,
            updatedAt: stamp.flatMap { Timestamps.parseStorage($0.updatedAt) },
            termName: inTerm1 ? "học kì I" : "học kì II")
    }
}
