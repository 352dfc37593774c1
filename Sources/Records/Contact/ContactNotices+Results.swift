import FluentKit
import Foundation

extension ContactNotices {
    /// Queues each family its own child's results of `checkpoint` as the principal releases them: a summary by
    /// email (subjects, qualities and competencies, the comment), a short text by SMS or Zalo, the detail on the
    /// parent's page. One notice per child and guardian; never another child's.
    static func results(year: UUID, yearName: String, checkpoint: Checkpoint, links: ContactLinks, at now: Date, on db: any Database)
        async throws
    {
        let enrollments = try await EnrollmentRow.query(on: db).filter(\.$yearID == year).filter(\.$leftOn == nil).all()
        guard !enrollments.isEmpty else { return }
        let classes = Dictionary(
            uniqueKeysWithValues: try await ClassRow.query(on: db).filter(\.$yearID == year).all().map { ($0.id!, $0) })
        let subjects = try await SubjectRow.query(on: db).filter(\.$isActive == true).sort(\.$sortOrder).all()
        let values = Dictionary(
            grouping: try await AssessmentValueRow.query(on: db).filter(\.$checkpoint == checkpoint.rawValue)
                .filter(\.$classID ~~ Array(classes.keys)).all(), by: \.studentID)
        var students: [UUID: StudentRow] = [:]
        var guardians: [UUID: [UUID]] = [:]
        for chunk in enrollments.map(\.studentID).chunked(400) {
            for row in try await StudentRow.query(on: db).filter(\.$id ~~ chunk).all() { students[row.id!] = row }
            for link in try await StudentGuardianRow.query(on: db).filter(\.$studentID ~~ chunk).all() {
                guardians[link.studentID, default: []].append(link.guardianID)
            }
        }
        var notices: [(guardian: UUID, notice: Notice)] = []
        for enrollment in enrollments {
            guard let schoolClass = classes[enrollment.classID], let student = students[enrollment.studentID],
                let byItem = values[enrollment.studentID].map({ Dictionary($0.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a }) })
            else { continue }
            let name = student.name.full
            let rulebook = Rulebooks.inForce(yearName: yearName, grade: schoolClass.grade)
            var lines = subjects.filter { $0.grade == schoolClass.grade }.compactMap { subject -> String? in
                guard let value = byItem[AssessmentService.item(SubjectID(subject.id!))] else { return nil }
                let parts = [value.level, value.score.map { "\($0) điểm" }].compactMap { $0 }
                return "- \(subject.name): \(parts.joined(separator: ", "))" + (value.comment.isEmpty ? "" : " — \(value.comment)")
            }
            let competences = AssessmentService.homeroomItems(rulebook).compactMap { item -> String? in
                byItem[item.key]?.level.map { "\(item.name): \($0)" }
            }
            if !competences.isEmpty { lines += ["", "Phẩm chất, năng lực: " + competences.joined(separator: "; ")] }
            if let comment = byItem[AssessmentService.commentItem]?.comment, !comment.isEmpty { lines += ["", "Nhận xét: \(comment)"] }
            let link = links.child(StudentID(enrollment.studentID))
            let heading = "Kết quả \(checkpoint.label) năm học \(yearName) của \(name) (lớp \(schoolClass.name))"
            let notice = Notice(
                subject: heading,
                body: ([heading + ":", ""] + lines + (link.isEmpty ? [] : ["", "Xem chi tiết: \(link)"])).joined(separator: "\n"),
                short: short("Da co ket qua \(checkpoint.code) cua \(name)", link: link), source: "results:\(year):\(checkpoint.rawValue)")
            notices += (guardians[enrollment.studentID] ?? []).map { ($0, notice) }
        }
        try await send(notices, at: now, on: db)
    }
}
