import FluentKit
import Foundation
import Records

/// A confirmed child waiting to become a pupil.
public struct ConversionCandidate: Sendable, Equatable {
    /// The application.
    public let applicationID: AdmissionApplicationID
    /// Số hồ sơ.
    public let number: String
    /// The child's full name, in the order it is written.
    public let name: String
    /// Whether the child is a girl (for balanced classes).
    public let isGirl: Bool
    /// The child's kindergarten, from the list.
    public let kindergarten: String
    /// The Vietnamese order of the name.
    public let sortKey: String
    /// The year of birth and sex, against which a personal ID is checked.
    public let birthYear: Int?
    public let sex: Sex?
    /// What the register needs beyond the name, as the application holds it.
    public let details: ChildDetails
}

/// Turns confirmed admissions into pupils: student and guardians, a register entry with its number, and a place in
/// a grade‑1 class — for every child in one transaction, so an error anywhere leaves nothing half‑done.
public struct ConversionService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The school year the campaign fills (it must exist in the school's years).
    public func year(of campaign: CampaignID, by caller: Caller) async throws -> SchoolYear {
        let value = try await CampaignService(database: database).find(campaign)
        guard let year = try await SchoolService(database: database).years(by: caller).first(where: { $0.name == value.schoolYearName })
        else {
            throw FieldProblems(
                "year", "Chưa có năm học \(value.schoolYearName): hãy tạo năm học và các lớp 1 trước khi chuyển vào sổ đăng bộ.")
        }
        return year
    }

    /// Admitted children whose parents confirmed and who are not pupils yet, in Vietnamese name order.
    public func candidates(_ campaign: CampaignID, by caller: Caller) async throws -> [ConversionCandidate] {
        try caller.require(.writeRegister)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: database) else { throw RecordsError.notFound }
        let rows = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid)
            .filter(\.$outcome == Outcome.admitted.rawValue).filter(\.$confirmation == Confirmation.confirmed.rawValue)
            .filter(\.$studentID == nil).all()
        let children = try await ListedChildRow.query(on: database).filter(\.$id ~~ rows.map(\.childID)).all()
        let kindergartens = try await KindergartenRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
        return rows.map { row in
            let application = row.value(campaign: campaignRow)
            let child = children.first { $0.id == row.childID }
            return ConversionCandidate(
                applicationID: application.id, number: application.number ?? "", name: application.form.childName.full,
                isGirl: application.form.childSex == .female,
                kindergarten: kindergartens.first { $0.id == child?.kindergartenID }?.name ?? "",
                sortKey: application.form.childName.sortKey, birthYear: SchoolDate(iso: application.form.childBirthDate)?.year,
                sex: application.form.childSex, details: ChildDetails(of: application.form))
        }.sorted { $0.sortKey < $1.sortKey }
    }

    /// hoso's proposal: balanced grade‑1 classes of the campaign's school year.
    public func propose(_ campaign: CampaignID, keepKindergartensTogether: Bool, by caller: Caller) async throws -> [AdmissionApplicationID:
        ClassID]
    {
        let candidates = try await candidates(campaign, by: caller)
        let year = try await year(of: campaign, by: caller)
        let classes = try await ClassService(database: database).list(year: year.id, by: caller).filter { $0.grade == 1 }
        let slots = classes.map { ClassProposal.Slot(id: $0.id.description, capacity: $0.capacity) }
        let children = candidates.map {
            ClassProposal.Child(
                id: $0.applicationID.description, isGirl: $0.isGirl, kindergarten: $0.kindergarten,
                sortKey: $0.sortKey)
        }
        do {
            let proposal = try ClassProposal.propose(children, into: slots, keepKindergartensTogether: keepKindergartensTogether)
            return Dictionary(
                uniqueKeysWithValues: proposal.compactMap { key, value in
                    guard let application = AdmissionApplicationID(key), let classID = ClassID(value) else { return nil }
                    return (application, classID)
                })
        } catch .noClasses {
            throw FieldProblems("classes", "Năm học \(year.name) chưa có lớp 1 nào.")
        } catch .notEnoughPlaces(let count, let places) {
            throw FieldProblems("classes", "Có \(count) trẻ nhưng các lớp 1 chỉ còn \(places) chỗ.")
        }
    }

    /// Writes every child into the register and the chosen class in one transaction; returns the new entries.
    @discardableResult
    public func commit(_ campaign: CampaignID, assignments: [AdmissionApplicationID: ClassID], by caller: Caller) async throws
        -> [AdmittedPupil]
    {
        try caller.require(.writeRegister)
        let year = try await year(of: campaign, by: caller)
        let candidates = try await candidates(campaign, by: caller)
        guard !candidates.isEmpty else { throw FieldProblems("classes", "Không còn trẻ nào chờ chuyển vào sổ đăng bộ.") }
        let incomplete = candidates.filter(\.details.isIncomplete)
        if !incomplete.isEmpty {
            throw FieldProblems(
                "classes",
                "Còn \(incomplete.count) trẻ chưa có dân tộc hoặc nơi sinh (\(incomplete.prefix(3).map(\.name).joined(separator: ", "))"
                    + "\(incomplete.count > 3 ? ", …" : "")): bổ sung trong bảng rồi ghi lại.")
        }
        for candidate in candidates where assignments[candidate.applicationID] == nil {
            throw FieldProblems("classes", "Chưa xếp lớp cho \(candidate.name) (hồ sơ \(candidate.number)).")
        }
        let gradeOne = Set(try await ClassService(database: database).list(year: year.id, by: caller).filter { $0.grade == 1 }.map(\.id))
        for (application, classID) in assignments where !gradeOne.contains(classID) {
            let name = candidates.first { $0.applicationID == application }?.name ?? ""
            throw FieldProblems("classes", "Lớp đã chọn cho \(name) không phải lớp 1 của năm học \(year.name).")
        }
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: db) else { throw RecordsError.notFound }
            var rows: [ApplicationRow] = []
            var pupils: [NewPupil] = []
            let catchment = campaignRow.value().catchment
            for candidate in candidates {
                guard let row = try await ApplicationRow.find(candidate.applicationID.uuid, on: db), row.studentID == nil,
                    row.outcome == Outcome.admitted.rawValue, row.confirmation == Confirmation.confirmed.rawValue,
                    let classID = assignments[candidate.applicationID]
                else { throw RecordsError.staleEdit }
                let form = row.value(campaign: campaignRow).form
                let ward = catchment.first { $0.wardCode == form.wardCode }?.wardName ?? ""
                let child = NewStudent(
                    name: form.childName, birthDate: SchoolDate(iso: form.childBirthDate), sex: form.childSex,
                    personalID: form.childPersonalID, ethnicity: form.childEthnicity, placeOfBirth: form.childPlaceOfBirth,
                    hometown: form.childHometown,
                    address: form.outsideCatchment
                        ? form.addressLine
                        : [form.addressLine, form.hamlet, ward].filter { !$0.isEmpty }.joined(separator: ", "))
                let guardians = [(form.father, GuardianRelation.father), (form.mother, .mother), (form.guardian, .guardian)]
                    .filter { !$0.0.name.isEmpty }
                    .map {
                        NewGuardian(
                            name: PersonName(kinhFullName: $0.0.name), relation: $0.1, phone: $0.0.phone, email: $0.0.email,
                            personalID: $0.0.personalID)
                    }
                pupils.append(
                    NewPupil(
                        child: child, guardians: guardians, classID: classID, entryDate: year.dates.startsOn,
                        route: .gradeOneAdmission, previousSchool: "", notes: "Hồ sơ tuyển sinh số \(candidate.number)"))
                rows.append(row)
            }
            let admission = try await RegisterService.admit(pupils, into: year.id, by: caller, at: now, on: db)
            for (row, pupil) in zip(rows, admission.pupils) {
                row.studentID = pupil.entry.studentID.uuid
                try await row.update(on: db)
            }
            return (
                admission.pupils,
                admission.events + [
                    AuditEvent(
                        action: "admission.convert", entity: "campaign", entityID: campaign.description,
                        summary: "Chuyển \(admission.pupils.count) trẻ trúng tuyển vào sổ đăng bộ và các lớp 1 năm học \(year.name)")
                ]
            )
        }
    }
}
