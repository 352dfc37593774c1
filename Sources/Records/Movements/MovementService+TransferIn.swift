import FluentKit
import Foundation

/// What a school receives with a pupil who transfers in (TT28/2020 Art. 37).
public enum TransferDossierItem: String, Sendable, CaseIterable {
    /// Học bạ (bản chính).
    case transcript
    /// Giấy giới thiệu chuyển trường of the school left.
    case letter
    /// Đơn xin chuyển trường of the family.
    case request

    /// Vietnamese label.
    public var label: String {
        switch self {
        case .transcript: "Học bạ (bản chính)"
        case .letter: "Giấy giới thiệu chuyển trường"
        case .request: "Đơn xin chuyển trường của gia đình"
        }
    }
}

extension MovementService {
    /// Receives a pupil from another school on `date`: the dossier is checked (the transcript and the transfer letter
    /// are required), the pupil gets a register entry (route "chuyển đến", the school left written), a place in the
    /// class chosen and their guardians, and the movement is on their history — in one transaction. Problems are
    /// reported by field (`family`, `birthDate`, `classID`, `previousSchool`, `dossier`, …). Requires
    /// ``Permission/writeRegister``.
    @discardableResult
    public func transferIn(
        _ pupil: NewPupil, on date: SchoolDate?, dossier: Set<TransferDossierItem>, by caller: Caller
    ) async throws -> StudentID {
        try caller.require(.writeRegister)
        let now = clock()
        return try await writer.run(by: caller) { db in
            let year = try await SchoolYears.current(on: db)
            var draft = pupil.cleaned()
            draft.route = .transferIn
            var problems = FieldProblems()
            let day = Self.check(date, in: year, into: &problems)
            draft.entryDate = day ?? year.value().dates.startsOn
            for problem in draft.problems().list { problems.add(problem.field, problem.message) }
            let missing = [TransferDossierItem.transcript, .letter].filter { !dossier.contains($0) }
            if !missing.isEmpty {
                problems.add("dossier", "Chưa nhận đủ hồ sơ: \(missing.map(\.label).joined(separator: ", ")).")
            }
            let target = try await ClassRow.find(draft.classID.uuid, on: db)
            if target?.yearID != year.id { problems.add("classID", "Vui lòng chọn lớp của năm học \(year.name).") }
            try problems.throwIfAny()
            draft.notes =
                (["Hồ sơ nhận: " + TransferDossierItem.allCases.filter(dossier.contains).map(\.label).joined(separator: ", ")]
                + (draft.notes.isEmpty ? [] : [draft.notes])).joined(separator: ". ")
            let admission: RegisterAdmission
            do {
                admission = try await RegisterService.admit([draft], into: SchoolYearID(year.id!), by: caller, at: now, on: db)
            } catch let error as RegisterError {
                if case .classFull = error { throw FieldProblems("classID", error.message) }
                throw FieldProblems("family", error.message)
            }
            let student = admission.pupils[0].entry.studentID
            let event = try await Self.record(
                .transferIn, student: student, year: year, on: day!, from: nil, to: target, otherSchool: draft.previousSchool,
                reason: "", by: caller, at: now, on: db)
            return (student, admission.events + [event])
        }
    }
}
