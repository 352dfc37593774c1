import FluentKit
import Foundation

/// Works out who an announcement reaches, and whether the sender may address them: the principal and the admin
/// board the whole school, a grade, any class or group; a homeroom teacher only their own class, or a group of its
/// pupils (Điều 8.6b). Pupils attending this school year; each guardian once, with the children it concerns.
struct ContactAudience {
    let database: any Database

    struct Resolved {
        let label: String
        let pupils: [UUID: String]
        let families: [AudienceFamily]
        /// How the audience is stored: kind and value.
        let kind: String
        let value: String
    }

    static func mayAddressSchool(_ caller: Caller) -> Bool { caller.may(.manageSchool) }

    func resolve(_ audience: Audience, by caller: Caller) async throws -> Resolved {
        guard let year = try await SchoolYearRow.query(on: database).filter(\.$isCurrent == true).first() else {
            throw FieldProblems("audience", "Chưa có năm học hiện tại.")
        }
        let classes = try await ClassRow.query(on: database).filter(\.$yearID == year.id!).all()
        let byID = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0) })
        var chosen: [ClassRow]
        var only: Set<UUID>? = nil
        let label: String
        let kind: String
        let value: String
        switch audience {
        case .school:
            guard Self.mayAddressSchool(caller) else { throw RecordsError.forbidden }
            chosen = classes
            (label, kind, value) = ("Toàn trường", "school", "")
        case .grade(let grade):
            guard Self.mayAddressSchool(caller) else { throw RecordsError.forbidden }
            chosen = classes.filter { $0.grade == grade }
            (label, kind, value) = ("Khối \(grade)", "grade", String(grade))
        case .class(let id):
            guard let row = byID[id.uuid] else { throw FieldProblems("audience", "Không có lớp này trong năm học hiện tại.") }
            guard Self.mayAddressSchool(caller) || caller.may(.writeClassRecords(id)) else { throw RecordsError.forbidden }
            chosen = [row]
            (label, kind, value) = ("Lớp \(row.name)", "class", id.description)
        case .group(let pupils):
            if pupils.isEmpty { throw FieldProblems("audience", "Chọn ít nhất một học sinh.") }
            only = Set(pupils.map(\.uuid))
            chosen = classes
            (label, kind, value) = ("", "group", pupils.map(\.description).joined(separator: ","))
        }
        let enrollments = try await EnrollmentRow.query(on: database).filter(\.$yearID == year.id!)
            .filter(\.$classID ~~ chosen.map { $0.id! }).filter(\.$leftOn == nil).all()
            .filter { only?.contains($0.studentID) ?? true }
        if let only {
            // A group: every pupil must attend, and a teacher may only name pupils of their own classes.
            guard Set(enrollments.map(\.studentID)) == only else {
                throw FieldProblems("audience", "Có học sinh không học ở trường năm học này.")
            }
            for enrollment in enrollments where !Self.mayAddressSchool(caller) {
                guard caller.may(.writeClassRecords(ClassID(enrollment.classID))) else { throw RecordsError.forbidden }
            }
        }
        let students = try await StudentRow.query(on: database).filter(\.$id ~~ enrollments.map(\.studentID)).all()
        let className = Dictionary(enrollments.map { ($0.studentID, byID[$0.classID]?.name ?? "") }, uniquingKeysWith: { a, _ in a })
        var pupils: [UUID: String] = [:]
        for student in students { pupils[student.id!] = "\(student.name.full) (\(className[student.id!] ?? ""))" }
        let links = try await StudentGuardianRow.query(on: database).filter(\.$studentID ~~ Array(pupils.keys)).all()
        let guardians = try await GuardianRow.query(on: database).filter(\.$id ~~ links.map(\.guardianID)).all()
        let accounts = Set(
            try await GuardianAccountRow.query(on: database).filter(\.$guardianID ~~ guardians.map { $0.id! }).all().map(\.guardianID))
        let childrenOf = Dictionary(grouping: links, by: \.guardianID)
        let families = guardians.sortedByName(\.name).map { guardian in
            AudienceFamily(
                guardianID: GuardianID(guardian.id!), guardianName: guardian.name.full, hasAccount: accounts.contains(guardian.id!),
                children: (childrenOf[guardian.id!] ?? []).compactMap { pupils[$0.studentID] }.sorted())
        }
        let groupLabel =
            label.isEmpty
            ? "\(families.count) gia đình (\(Set(enrollments.compactMap { byID[$0.classID]?.name }).sorted().joined(separator: ", ")))"
            : label
        return Resolved(label: groupLabel, pupils: pupils, families: families, kind: kind, value: value)
    }
}
