import FluentKit
import Foundation
import Records

/// What the register needs of a child beyond the application's essentials (dân tộc, mã định danh, nơi sinh, quê
/// quán): asked on the application form, and completed by the clerk for every admitted child on one page before
/// conversion, where an application sent before these fields existed, or at the desk in a hurry, lacks them.
public struct ChildDetails: Sendable, Equatable {
    /// Dân tộc, one of ``Ethnicity/choices``.
    public var ethnicity: String
    /// Mã định danh cá nhân, or empty.
    public var personalID: String
    /// Nơi sinh.
    public var placeOfBirth: String
    /// Quê quán, or empty.
    public var hometown: String

    /// The details, cleaned as the form cleans them.
    public init(ethnicity: String, personalID: String, placeOfBirth: String, hometown: String = "") {
        self.ethnicity = Ethnicity.written(ethnicity)
        self.personalID = PersonalID.compact(personalID)
        self.placeOfBirth = VietnameseText.clean(placeOfBirth)
        self.hometown = VietnameseText.clean(hometown)
    }

    /// The details an application holds.
    public init(of form: ApplicationForm) {
        self.init(
            ethnicity: form.childEthnicity, personalID: form.childPersonalID, placeOfBirth: form.childPlaceOfBirth,
            hometown: form.childHometown)
    }

    /// Whether the register still lacks something it must have (ethnicity, birthplace).
    public var isIncomplete: Bool { ethnicity.isEmpty || placeOfBirth.isEmpty }

    /// Problems with these details for a child born `birthYear` of `sex`, by field (`ethnicity`, `personalID`,
    /// `placeOfBirth`, `hometown`).
    func problems(birthYear: Int?, sex: Sex?) -> FieldProblems {
        var problems = FieldProblems()
        if ethnicity.isEmpty {
            problems.add("ethnicity", "chưa chọn dân tộc.")
        } else if Ethnicity.canonical(ethnicity) == nil {
            problems.add("ethnicity", "dân tộc không có trong danh mục.")
        }
        if let problem = PersonalID.problem(personalID, birthYear: birthYear, sex: sex) {
            problems.add("personalID", "mã định danh \(problem).")
        }
        if placeOfBirth.isEmpty { problems.add("placeOfBirth", "chưa ghi nơi sinh.") }
        for (field, value) in [("placeOfBirth", placeOfBirth), ("hometown", hometown)] where value.count > 300 {
            problems.add(field, "tối đa 300 ký tự.")
        }
        return problems
    }
}

extension ConversionService {
    /// Writes what the clerk completed for the admitted children in one transaction: each application's form gets the
    /// details (its earlier version kept, as for any edit), and the audit log says who completed which application
    /// and what changed. Problems are keyed `<field>-<application ID>` and name the child, so one page can show
    /// every child that needs attention at once; nothing is written while any remains.
    public func complete(_ campaign: CampaignID, details: [AdmissionApplicationID: ChildDetails], by caller: Caller) async throws {
        try caller.require(.writeRegister)
        let candidates = try await candidates(campaign, by: caller)
        var problems = FieldProblems()
        for candidate in candidates {
            guard let given = details[candidate.applicationID] else { continue }
            for problem in given.problems(birthYear: candidate.birthYear, sex: candidate.sex).list {
                problems.add("\(problem.field)-\(candidate.applicationID)", "\(candidate.name): \(problem.message)")
            }
        }
        try problems.throwIfAny()
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: db) else { throw RecordsError.notFound }
            var events: [AuditEvent] = []
            for candidate in candidates {
                guard let given = details[candidate.applicationID],
                    let row = try await ApplicationRow.find(candidate.applicationID.uuid, on: db), row.studentID == nil
                else { continue }
                var form = row.form
                let before = ChildDetails(of: form)
                guard before != given else { continue }
                form.childEthnicity = given.ethnicity
                form.childPersonalID = given.personalID
                form.childPlaceOfBirth = given.placeOfBirth
                form.childHometown = given.hometown
                try await ApplicationVersionRow.keep(row, on: db)
                row.formJSON = JSONText.encode(form)
                row.version += 1
                row.updatedAt = Timestamps.storage(now)
                try await row.update(on: db)
                events.append(
                    AuditEvent(
                        action: "application.complete", entity: "application", entityID: row.id!.uuidString,
                        summary:
                            "Bổ sung thông tin sổ đăng bộ của trẻ trúng tuyển — hồ sơ số \(row.value(campaign: campaignRow).number ?? "")",
                        before: Self.auditFields(before), after: Self.auditFields(given)))
            }
            return ((), events)
        }
    }

    /// The fields of `details` as the audit log records them (the ID masked but its last three digits).
    static func auditFields(_ details: ChildDetails) -> [String: String] {
        [
            "ethnicity": details.ethnicity, "placeOfBirth": details.placeOfBirth, "hometown": details.hometown,
            "personalID": details.personalID.isEmpty ? "" : "…" + details.personalID.suffix(3),
        ]
    }
}
