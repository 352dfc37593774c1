import FluentKit
import Foundation

/// Finding the pupils and guardians already stored, so the same person is never stored twice.
enum People {
    /// The stored pupil who is `child`: the same personal ID, or — when either has none — the same folded name and
    /// date of birth. Two children with the same name and birthday but different personal IDs are different pupils.
    /// Refuses `caller` unless they may read the register or one of the pupil's classes.
    static func requireReadable(_ student: StudentID, by caller: Caller, on db: any Database) async throws {
        guard !caller.may(.readRegister) else { return }
        let classes = try await EnrollmentRow.query(on: db).filter(\.$studentID == student.uuid).all().map(\.classID)
        guard classes.contains(where: { caller.may(.readClass(ClassID($0))) }) else { throw RecordsError.forbidden }
    }

    static func existingStudent(_ child: NewStudent, on db: any Database) async throws -> StudentRow? {
        if !child.personalID.isEmpty,
            let row = try await StudentRow.query(on: db).filter(\.$personalID == child.personalID).first()
        {
            return row
        }
        guard let birthDate = child.birthDate else { return nil }
        let candidates = try await StudentRow.query(on: db)
            .filter(\.$searchKey == child.name.searchKey).filter(\.$birthDate == birthDate.iso).all()
        return candidates.first { row in child.personalID.isEmpty || row.personalID == nil }
    }

    /// Stores a new pupil; `child` must be cleaned and checked.
    static func createStudent(_ child: NewStudent, at now: Date, on db: any Database) async throws -> StudentRow {
        let row = StudentRow()
        row.id = UUID()
        row.name = child.name
        row.birthDate = child.birthDate?.iso ?? ""
        row.sex = (child.sex ?? .male).rawValue
        row.personalID = child.personalID.isEmpty ? nil : child.personalID
        row.ethnicity = child.ethnicity
        row.placeOfBirth = child.placeOfBirth
        row.hometown = child.hometown
        row.address = child.address
        row.createdAt = Timestamps.storage(now)
        try await row.create(on: db)
        return row
    }

    /// The stored guardian who is `guardian` — the same personal ID, or the same phone and folded name — or a new
    /// one. An existing guardian is reused as stored: a sibling's admission does not rewrite the family's contacts.
    static func findOrCreateGuardian(_ guardian: NewGuardian, at now: Date, on db: any Database) async throws -> (
        GuardianRow, created: Bool
    ) {
        if !guardian.personalID.isEmpty,
            let row = try await GuardianRow.query(on: db).filter(\.$personalID == guardian.personalID).first()
        {
            return (row, false)
        }
        let key = IdentityKeys.guardianKey(name: guardian.name, phone: guardian.phone)
        if let key, let row = try await GuardianRow.query(on: db).filter(\.$matchKey == key).first() {
            return (row, false)
        }
        let row = GuardianRow()
        row.id = UUID()
        row.name = guardian.name
        row.phone = guardian.phone
        row.matchKey = key
        row.email = guardian.email
        row.personalID = guardian.personalID.isEmpty ? nil : guardian.personalID
        row.createdAt = Timestamps.storage(now)
        try await row.create(on: db)
        return (row, true)
    }

    /// Links a guardian to a pupil once; a second link of the same pair (a parent listed twice) is skipped.
    static func link(student: UUID, guardian: UUID, relation: GuardianRelation, position: Int, on db: any Database) async throws -> Bool {
        let existing = try await StudentGuardianRow.query(on: db)
            .filter(\.$studentID == student).filter(\.$guardianID == guardian).first()
        guard existing == nil else { return false }
        let row = StudentGuardianRow()
        row.id = UUID()
        row.studentID = student
        row.guardianID = guardian
        row.relation = relation.rawValue
        row.position = position
        try await row.create(on: db)
        return true
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
