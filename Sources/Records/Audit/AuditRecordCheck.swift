import FluentKit
import Foundation

/// Compares the records the books hold with the audit log's last word on each, so that a row changed in the
/// database behind hoso's back (the log untouched) is named: every register entry against the fingerprint of its
/// admission or its last approved correction, and every subject result entered through hoso against the value the
/// log recorded last for that pupil. Values the log never recorded (none are entered without it) are not judged.
struct AuditRecordCheck {
    let database: any Database

    struct Outcome {
        var checked = 0
        var problems: [String] = []
    }

    func run() async throws -> Outcome {
        var outcome = Outcome()
        try await register(&outcome)
        try await subjectResults(&outcome)
        return outcome
    }

    /// The register: `register.admit` fingerprints the entry's details, `register.correction.approve` the details
    /// it wrote.
    func register(_ outcome: inout Outcome) async throws {
        var expected: [UUID: (seq: Int, sha: String)] = [:]
        let events = try await AuditEntryRow.query(on: database).filter(\.$entity == AuditEntity.registerEntry.rawValue)
            .filter(\.$action ~~ ["register.admit", "register.correction.approve"]).sort(\.$id).all()
        for event in events {
            guard let id = UUID(uuidString: event.entityID), let after = Self.fields(event.after),
                let sha = after["sha256"] ?? after["afterSha256"]
            else { continue }
            expected[id] = (event.id ?? 0, sha)
        }
        guard !expected.isEmpty else { return }
        let entries = try await RegisterEntryRow.query(on: database).filter(\.$id ~~ Array(expected.keys)).all()
        let students = Dictionary(
            try await StudentRow.query(on: database).filter(\.$id ~~ entries.map(\.studentID)).all().map { ($0.id!, $0) },
            uniquingKeysWith: { a, _ in a })
        for entry in entries {
            guard let (seq, sha) = expected[entry.id!] else { continue }
            outcome.checked += 1
            guard let student = students[entry.studentID] else {
                outcome.problems.append("Sổ đăng bộ số \(entry.numberText): học sinh của mục này không còn trong cơ sở dữ liệu.")
                continue
            }
            if RegisterService.fingerprint(RegisterService.details(entry, student: student)) != sha {
                outcome.problems.append(
                    "Sổ đăng bộ số \(entry.numberText) (\(student.name.full)): dữ liệu khác bản ghi cuối trong nhật ký (mục số \(seq)), đã bị sửa ngoài hoso."
                )
            }
        }
        let missing = Set(expected.keys).subtracting(entries.compactMap(\.id))
        for id in missing {
            outcome.problems.append(
                "Sổ đăng bộ: mục \(id.uuidString.lowercased()) có trong nhật ký (mục số \(expected[id]!.seq)) đã bị xoá.")
        }
    }

    /// Subject results: `assessment.subject` records, per grid, each changed pupil's value after the change.
    func subjectResults(_ outcome: inout Outcome) async throws {
        struct Grid: Hashable {
            let classID: UUID
            let subject: String
            let checkpoint: Checkpoint
        }
        var expected: [Grid: [String: (seq: Int, trace: String)]] = [:]
        let events = try await AuditEntryRow.query(on: database).filter(\.$action == "assessment.subject").sort(\.$id).all()
        for event in events {
            let parts = event.entityID.split(separator: "|").map(String.init)
            guard parts.count == 3, let classID = UUID(uuidString: parts[0]), let checkpoint = Checkpoint(rawValue: parts[2]),
                let after = Self.fields(event.after)
            else { continue }
            let grid = Grid(classID: classID, subject: parts[1], checkpoint: checkpoint)
            for (name, trace) in after { expected[grid, default: [:]][name] = (event.id ?? 0, trace) }
        }
        for (grid, pupils) in expected {
            let values = try await StoredValue.load(
                class: grid.classID, checkpoint: grid.checkpoint, items: .exactly("subject:\(grid.subject)"), on: database)
            let students = try await StudentRow.query(on: database).filter(\.$id ~~ values.map(\.studentID)).all()
            var names: [String: Int] = [:]
            for student in students { names[student.name.full, default: 0] += 1 }
            let byName = Dictionary(
                students.map { ($0.name.full, $0.id!) }, uniquingKeysWith: { a, _ in a })
            let byStudent = Dictionary(values.map { ($0.studentID, $0) }, uniquingKeysWith: { a, _ in a })
            var subject = grid.subject
            if let id = UUID(uuidString: grid.subject), let row = try await SubjectRow.find(id, on: database) { subject = row.name }
            for (name, (seq, trace)) in pupils where names[name] == 1 {
                guard let id = byName[name], let value = byStudent[id] else { continue }
                outcome.checked += 1
                if AssessmentService.trace(value.level, value.score, value.comment) != trace {
                    outcome.problems.append(
                        "Sổ đánh giá: kết quả \(grid.checkpoint.code) của \(name) (môn \(subject)) khác bản ghi cuối trong nhật ký (mục số \(seq)), đã bị sửa ngoài hoso."
                    )
                }
            }
        }
    }

    static func fields(_ json: String?) -> [String: String]? {
        guard let json else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }
}
