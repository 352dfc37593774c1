import FluentKit
import Foundation

/// A parsed pupil list checked against the school: the classes of the year, pupils already in the register,
/// register numbers already used, and every field as the register's own checks see it.
struct PupilImportCheck {
    var preview: PupilImportPreview
    /// The year's classes by ``classKey(_:)``, with those to be created added at commit.
    var classes: [String: ClassRow]

    /// "Lớp 3A", "3a" and "3 A" are the same class.
    static func classKey(_ name: String) -> String {
        var key = VietnameseText.foldKey(name)
        if key.hasPrefix("lop ") { key.removeFirst(4) }
        return key.filter { $0 != " " && $0 != "-" }
    }

    /// The grade a class name begins with ("3A" → 3), if 1 to 5.
    static func grade(of name: String) -> Int? {
        var key = VietnameseText.foldKey(name)
        if key.hasPrefix("lop ") { key.removeFirst(4) }
        guard let first = key.first, let digit = first.wholeNumberValue, (1...5).contains(digit) else { return nil }
        return digit
    }

    /// Lines by class key, counted once (folding every line's class name for every class made a 3,000-line file
    /// spend half a minute here).
    var joining: [String: Int] {
        var counts: [String: Int] = [:]
        for line in preview.lines { counts[Self.classKey(line.pupil.className), default: 0] += 1 }
        return counts
    }

    /// The register's view of a line; the class must exist (or be about to).
    func newPupil(_ line: PupilImportLine) -> NewPupil {
        let pupil = line.pupil
        let classID = classes[Self.classKey(pupil.className)]?.id.map(ClassID.init) ?? ClassID(UUID())
        let notes = pupil.pupilCode.isEmpty ? "" : "Mã học sinh ở hệ thống cũ: \(pupil.pupilCode)"
        return NewPupil(
            child: NewStudent(
                name: pupil.name, birthDate: pupil.birthDate, sex: pupil.sex, personalID: pupil.personalID,
                ethnicity: pupil.ethnicity, placeOfBirth: pupil.placeOfBirth, hometown: pupil.hometown, address: pupil.address),
            guardians: pupil.guardians, classID: classID, entryDate: pupil.entryDate ?? SchoolDate(year: 2000, month: 1, day: 1)!,
            route: .imported, notes: notes, registerNumberText: pupil.registerNumber)
    }

    static func run(
        _ parsed: PupilImportPreview, choices: PupilImportChoices, year: SchoolYearRow, on db: any Database
    ) async throws -> PupilImportCheck {
        var check = PupilImportCheck(preview: parsed, classes: [:])
        guard parsed.fileProblem == nil else { return check }
        for row in try await ClassRow.query(on: db).filter(\.$yearID == year.id!).all() { check.classes[classKey(row.name)] = row }
        let registered = try await registeredPupils(on: db)
        let usedNumbers = Set(try await RegisterEntryRow.query(on: db).all(\.$numberText).map(VietnameseText.foldKey))
        var missing: [String: String] = [:]
        for index in check.preview.lines.indices {
            var line = check.preview.lines[index]
            let known = check.classes[classKey(line.pupil.className)]
            if known == nil && !line.pupil.className.isEmpty {
                if grade(of: line.pupil.className) == nil {
                    line.problems.append("Lớp “\(line.pupil.className)” không bắt đầu bằng khối 1–5; tạo lớp trước rồi nhập lại.")
                } else if choices.createMissingClasses {
                    missing[classKey(line.pupil.className)] = missing[classKey(line.pupil.className)] ?? line.pupil.className
                } else {
                    missing[classKey(line.pupil.className)] = missing[classKey(line.pupil.className)] ?? line.pupil.className
                    line.problems.append("Năm học \(year.name) chưa có lớp “\(line.pupil.className)”.")
                }
            }
            line.problems += registerProblems(check.newPupil(line), line: line)
            if let number = registered.byID[line.pupil.personalID] ?? registered.byNameAndBirth[nameKey(line.pupil)] {
                line.problems.append("Học sinh này đã có trong sổ đăng bộ, số \(number).")
            }
            if !line.pupil.registerNumber.isEmpty && usedNumbers.contains(VietnameseText.foldKey(line.pupil.registerNumber)) {
                line.problems.append("Số đăng bộ “\(line.pupil.registerNumber)” đã dùng cho một học sinh khác.")
            }
            check.preview.lines[index] = line
        }
        check.preview.missingClasses = missing.values.sorted {
            ClassRow.sortKey(grade: grade(of: $0) ?? 0, name: $0) < ClassRow.sortKey(grade: grade(of: $1) ?? 0, name: $1)
        }
        let joiningByClass = check.joining
        for (key, row) in check.classes {
            let current = try await EnrollmentRow.query(on: db).filter(\.$classID == row.id!).filter(\.$leftOn == nil).count()
            let joining = joiningByClass[key] ?? 0
            if joining > 0 && current + joining > row.capacity {
                check.preview.columnProblems.append(
                    "Lớp \(row.name) có sĩ số tối đa \(row.capacity), đã có \(current) học sinh, tệp thêm \(joining): "
                        + "sửa sĩ số tối đa của lớp trong trang Lớp học rồi xem lại.")
            }
        }
        return check
    }

    /// The register's own checks, without the messages the parser already gave for the same cell.
    static func registerProblems(_ pupil: NewPupil, line: PupilImportLine) -> [String] {
        pupil.problems().list.compactMap { problem in
            if problem.field == "birthDate" && line.pupil.birthDate == nil && line.problems.contains(where: { $0.hasPrefix("Ngày sinh") }) {
                return nil
            }
            if problem.field == "sex" && line.problems.contains(where: { $0.hasPrefix("Giới tính") }) { return nil }
            if problem.field.hasPrefix("guardians[") {
                let index = Int(problem.field.dropFirst(10).prefix { $0.isNumber }) ?? 0
                let who = index < pupil.guardians.count ? pupil.guardians[index].relation.label : "Phụ huynh"
                return "\(who): \(problem.message)"
            }
            return problem.message
        }
    }

    static func nameKey(_ pupil: ImportedPupil) -> String { pupil.name.searchKey + "|" + (pupil.birthDate?.iso ?? "?") }

    /// Register numbers of the pupils already in the register, by personal ID and by name and birth date.
    static func registeredPupils(on db: any Database) async throws -> (byID: [String: String], byNameAndBirth: [String: String]) {
        let entries = try await RegisterEntryRow.query(on: db).all()
        let numbers = Dictionary(entries.map { ($0.studentID, $0.numberText) }, uniquingKeysWith: { first, _ in first })
        var byID: [String: String] = [:]
        var byName: [String: String] = [:]
        for student in try await StudentRow.query(on: db).all() {
            guard let id = student.id, let number = numbers[id] else { continue }
            if let personal = student.personalID, !personal.isEmpty { byID[personal] = number }
            byName[student.searchKey + "|" + student.birthDate] = number
        }
        byID[""] = nil
        return (byID, byName)
    }
}
