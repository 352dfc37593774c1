import FluentKit
import Foundation

/// Finding the pupils and guardians already stored, so the same person is never stored twice.
enum People {
    /// Refuses `caller` unless they may read the register or one of the pupil's classes.
    /// Whether `caller` may ask for a change to the pupil's profile in the register: the clerk
    /// (``Permission/writeRegister``), or the homeroom teacher of the pupil's class this school year.
    static func mayRequestChange(_ student: StudentID, by caller: Caller, on db: any Database) async throws -> Bool {
        if caller.may(.writeRegister) { return true }
        guard let year = try await SchoolYearRow.query(on: db).filter(\.$isCurrent == true).first() else { return false }
        let classes = try await EnrollmentRow.query(on: db).filter(\.$studentID == student.uuid).filter(\.$yearID == year.id!).all()
        return classes.contains { caller.may(.writeClassRecords(ClassID($0.classID))) }
    }

    static func requireReadable(_ student: StudentID, by caller: Caller, on db: any Database) async throws {
        guard !caller.may(.readRegister) else { return }
        let classes = try await EnrollmentRow.query(on: db).filter(\.$studentID == student.uuid).all().map(\.classID)
        guard classes.contains(where: { caller.may(.readClass(ClassID($0))) }) else { throw RecordsError.forbidden }
    }

    /// The guardians of each pupil in `students`, fathers first, then mothers, then others, then in the order given.
    static func guardians(of students: [UUID], on db: any Database) async throws -> [UUID: [StudentGuardian]] {
        guard !students.isEmpty else { return [:] }
        let links = try await StudentGuardianRow.query(on: db).filter(\.$studentID ~~ students).all()
        let ids = Array(Set(links.map(\.guardianID)))
        let rows = ids.isEmpty ? [] : try await GuardianRow.query(on: db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0) })
        let order = GuardianRelation.allCases
        var result: [UUID: [StudentGuardian]] = [:]
        for (student, group) in Dictionary(grouping: links, by: \.studentID) {
            let sorted = group.sorted { a, b in
                let ra = order.firstIndex { $0.rawValue == a.relation } ?? order.count
                let rb = order.firstIndex { $0.rawValue == b.relation } ?? order.count
                return ra != rb ? ra < rb : a.position < b.position
            }
            result[student] = sorted.compactMap { link in
                byID[link.guardianID].map {
                    StudentGuardian(guardian: $0.value, relation: GuardianRelation(rawValue: link.relation) ?? .guardian)
                }
            }
        }
        return result
    }

    static func student(_ row: StudentRow, guardians: [StudentGuardian]) -> Student {
        Student(
            id: StudentID(row.id!), name: row.name, birthDate: SchoolDate(iso: row.birthDate) ?? SchoolDate(year: 1900, month: 1, day: 1)!,
            sex: Sex(rawValue: row.sex) ?? .male, personalID: row.personalID ?? "", ethnicity: row.ethnicity,
            placeOfBirth: row.placeOfBirth, hometown: row.hometown, address: row.address, guardians: guardians)
    }
}
