import FluentKit
import Foundation

/// What an admission of many pupils needs from the pupils and guardians already stored, read in a few queries
/// instead of several per pupil. It then remembers what the admission adds, so that siblings admitted together share
/// their parents, and writes the new rows with multi-row inserts at the end.
struct AdmissionLookup {
    private var studentsByPersonalID: [String: StudentRow] = [:]
    private var studentsByNameAndBirth: [String: [StudentRow]] = [:]
    private var registered: [UUID: String] = [:]
    private var guardiansByPersonalID: [String: GuardianRow] = [:]
    private var guardiansByMatchKey: [String: GuardianRow] = [:]
    private var links: Set<[UUID]> = []
    private var newStudents: [StudentRow] = []
    private var newGuardians: [GuardianRow] = []
    private var newLinks: [StudentGuardianRow] = []

    /// Reads the stored pupils who may be one of `pupils` (same personal ID, or same folded name), their register
    /// entries and guardian links, and the guardians who may be one of theirs.
    static func load(for pupils: [NewPupil], on db: any Database) async throws -> AdmissionLookup {
        var lookup = AdmissionLookup()
        let children = pupils.map(\.child)
        let personalIDs = Array(Set(children.map(\.personalID).filter { !$0.isEmpty }))
        let nameKeys = Array(Set(children.map(\.name.searchKey)))
        var students: [UUID: StudentRow] = [:]
        for row in try await Batches.rows(StudentRow.self, in: personalIDs, on: db) { $0.filter(\.$personalID ~~ $1) } {
            students[row.id!] = row
        }
        for row in try await Batches.rows(StudentRow.self, in: nameKeys, on: db) { $0.filter(\.$searchKey ~~ $1) } {
            students[row.id!] = row
        }
        for row in students.values.sorted(by: { $0.createdAt < $1.createdAt }) { lookup.remember(row) }
        let studentIDs = Array(students.keys)
        for entry in try await Batches.rows(RegisterEntryRow.self, in: studentIDs, on: db) { $0.filter(\.$studentID ~~ $1) } {
            lookup.registered[entry.studentID] = entry.numberText
        }
        for link in try await Batches.rows(StudentGuardianRow.self, in: studentIDs, on: db) { $0.filter(\.$studentID ~~ $1) } {
            lookup.links.insert([link.studentID, link.guardianID])
        }
        let guardians = pupils.flatMap(\.guardians)
        let guardianIDs = Array(Set(guardians.map(\.personalID).filter { !$0.isEmpty }))
        let matchKeys = Array(Set(guardians.compactMap { IdentityKeys.guardianKey(name: $0.name, phone: $0.phone) }))
        for row in try await Batches.rows(GuardianRow.self, in: guardianIDs, on: db) { $0.filter(\.$personalID ~~ $1) } {
            lookup.remember(row)
        }
        for row in try await Batches.rows(GuardianRow.self, in: matchKeys, on: db) { $0.filter(\.$matchKey ~~ $1) } { lookup.remember(row) }
        return lookup
    }

    private mutating func remember(_ row: StudentRow) {
        if let id = row.personalID { studentsByPersonalID[id] = studentsByPersonalID[id] ?? row }
        studentsByNameAndBirth[row.searchKey + "|" + row.birthDate, default: []].append(row)
    }

    private mutating func remember(_ row: GuardianRow) {
        if let id = row.personalID { guardiansByPersonalID[id] = guardiansByPersonalID[id] ?? row }
        if let key = row.matchKey { guardiansByMatchKey[key] = guardiansByMatchKey[key] ?? row }
    }

    /// The stored pupil who is `child` — the same personal ID, or, when either has none, the same folded name and
    /// date of birth (two children with the same name and birthday but different IDs are different pupils) — or a
    /// new one. Refuses a pupil who already has a register entry.
    mutating func student(_ child: NewStudent, at now: Date) throws -> StudentRow {
        if let existing = existing(child) {
            if let numberText = registered[existing.id!] {
                throw RegisterError.alreadyRegistered(name: existing.name.full, numberText: numberText)
            }
            return existing
        }
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
        newStudents.append(row)
        remember(row)
        return row
    }

    private func existing(_ child: NewStudent) -> StudentRow? {
        if !child.personalID.isEmpty, let row = studentsByPersonalID[child.personalID] { return row }
        guard let birthDate = child.birthDate else { return nil }
        let candidates = studentsByNameAndBirth[child.name.searchKey + "|" + birthDate.iso] ?? []
        return candidates.first { row in child.personalID.isEmpty || row.personalID == nil }
    }

    /// Marks `student` as registered by this admission, so a second line for the same child is refused.
    mutating func registered(_ student: UUID, as numberText: String) {
        registered[student] = numberText
    }

    /// The stored guardian who is `guardian` — the same personal ID, or the same phone and folded name — or a new
    /// one. An existing guardian is reused as stored: a sibling's admission does not rewrite the family's contacts.
    mutating func guardian(_ guardian: NewGuardian, at now: Date) -> GuardianRow {
        if !guardian.personalID.isEmpty, let row = guardiansByPersonalID[guardian.personalID] { return row }
        let key = IdentityKeys.guardianKey(name: guardian.name, phone: guardian.phone)
        if let key, let row = guardiansByMatchKey[key] { return row }
        let row = GuardianRow()
        row.id = UUID()
        row.name = guardian.name
        row.phone = guardian.phone
        row.matchKey = key
        row.email = guardian.email
        row.personalID = guardian.personalID.isEmpty ? nil : guardian.personalID
        row.createdAt = Timestamps.storage(now)
        newGuardians.append(row)
        remember(row)
        return row
    }

    /// Links a guardian to a pupil once; a second link of the same pair (a parent listed twice) is skipped.
    mutating func link(student: UUID, guardian: UUID, relation: GuardianRelation, position: Int) {
        guard links.insert([student, guardian]).inserted else { return }
        let row = StudentGuardianRow()
        row.id = UUID()
        row.studentID = student
        row.guardianID = guardian
        row.relation = relation.rawValue
        row.position = position
        newLinks.append(row)
    }

    /// Writes the new pupils, guardians and links (before the entries and enrollments that refer to them).
    /// The rows ``insert(on:counting:)`` writes.
    var newRowCount: Int { newStudents.count + newGuardians.count + newLinks.count }

    func insert(on db: any Database, counting counter: WriteCounter? = nil) async throws {
        try await Batches.insert(newStudents, on: db, counting: counter)
        try await Batches.insert(newGuardians, on: db, counting: counter)
        try await Batches.insert(newLinks, on: db, counting: counter)
    }
}
