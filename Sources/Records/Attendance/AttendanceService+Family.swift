import FluentKit
import Foundation

/// One month of a child's attendance as the family reads it.
public struct FamilyAttendanceMonth: Sendable, Equatable {
    /// "12/2026".
    public let month: String
    public let excused: Int
    public let unexcused: Int
}

extension AttendanceService {
    /// The signed-in parent's child `student`'s absences of the current school year, month by month, newest first:
    /// days absent with leave (có phép) and without (không phép), as the homeroom teacher recorded them.
    public func familyMonths(of student: StudentID, by caller: Caller) async throws -> [FamilyAttendanceMonth] {
        _ = try await FamilyService.link(of: student, by: caller, on: database)
        let year = try await SchoolYears.current(on: database)
        let classes = try await ClassRow.query(on: database).filter(\.$yearID == year.id!).all().map { $0.id! }
        let absences = try await AbsenceRow.query(on: database).filter(\.$studentID == student.uuid).filter(\.$classID ~~ classes).all()
        let byMonth = Dictionary(grouping: absences) { String($0.day.prefix(7)) }
        return byMonth.keys.sorted(by: >).map { key in
            let days = byMonth[key] ?? []
            let parts = key.split(separator: "-")
            return FamilyAttendanceMonth(
                month: parts.count == 2 ? "\(parts[1])/\(parts[0])" : key, excused: days.filter { $0.kind == "P" }.count,
                unexcused: days.filter { $0.kind != "P" }.count)
        }
    }
}
