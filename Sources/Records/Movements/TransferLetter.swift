import Documents
import FluentKit
import Foundation

/// Giấy giới thiệu chuyển trường: what the principal hands the family with the dossier when a transfer out is
/// accepted (TT28/2020 Art. 36).
public struct TransferLetter: Sendable, Equatable {
    /// The sending school's heading.
    public let school: SchoolHeading
    /// The pupil's register details.
    public let details: RegisterDetails
    /// Số đăng bộ.
    public let registerNumber: String
    /// The class left and its school year.
    public let className: String, yearName: String
    /// The receiving school, the day the pupil leaves, and the reason recorded.
    public let otherSchool: String, leavesOn: SchoolDate, reason: String
}

extension MovementService {
    /// The transfer letter of a pupil whose transfer out was recorded this year; requires ``Permission/readRegister``.
    public func transferLetter(of student: StudentID, by caller: Caller) async throws -> TransferLetter {
        try caller.require(.readRegister)
        guard
            let movement = try await MovementRow.query(on: database).filter(\.$studentID == student.uuid)
                .filter(\.$kind == MovementKind.transferOut.rawValue).sort(\.$createdAt, .descending).first(),
            let year = try await SchoolYearRow.find(movement.yearID, on: database),
            let entry = try await RegisterEntryRow.query(on: database).filter(\.$studentID == student.uuid).first(),
            let pupil = try await StudentRow.find(student.uuid, on: database)
        else { throw RecordsError.notFound }
        var className = ""
        if let id = movement.fromClassID { className = try await ClassRow.find(id, on: database)?.name ?? "" }
        return TransferLetter(
            school: try await SchoolHeading.load(on: database), details: RegisterService.details(entry, student: pupil),
            registerNumber: entry.numberText, className: className, yearName: year.name, otherSchool: movement.otherSchool,
            leavesOn: SchoolDate(iso: movement.onDate) ?? SchoolDate(year: 2000, month: 1, day: 1)!, reason: movement.reason)
    }
}

extension RegisterPrintouts {
    /// Giấy giới thiệu chuyển trường, A4 portrait, with the official heading and the principal's signature block.
    public static func transferLetter(_ letter: TransferLetter, printedOn date: SchoolDate) -> PDFDocument {
        var document = PDFDocument(
            title: "Giấy giới thiệu chuyển trường: \(letter.details.name.full)", subject: letter.school.school,
            margins: Margins(top: 20, right: 20, bottom: 20, left: 30))
        let d = letter.details
        let facts: [(String, String)] = [
            ("Họ và tên học sinh", d.name.full), ("Ngày sinh", d.birthDate.display), ("Giới tính", d.sex.label),
            ("Dân tộc", d.ethnicity), ("Mã định danh cá nhân", d.personalID), ("Nơi sinh", d.placeOfBirth),
            ("Họ tên cha, mẹ", [d.fatherName, d.motherName, d.guardianName].filter { !$0.isEmpty }.joined(separator: ", ")),
            ("Nơi ở", d.address), ("Đang học lớp", "\(letter.className), năm học \(letter.yearName)"),
            ("Số đăng bộ", letter.registerNumber),
        ]
        document.add(contentsOf: [
            heading(letter.school),
            .spacer(mm: 8),
            .text("GIẤY GIỚI THIỆU CHUYỂN TRƯỜNG", style: .title.sized(15).spaced(after: 4)),
            .text("Hiệu trưởng \(letter.school.school) trân trọng giới thiệu:", style: .body),
            .spacer(mm: 2),
        ])
        for (label, value) in facts where !value.isEmpty {
            document.add(.row([.text(label + ":", style: .body), .text(value, style: .body.bold())], widths: [2, 3]))
        }
        document.add(contentsOf: [
            .spacer(mm: 3),
            .text(
                "được chuyển đến học tại \(letter.otherSchool) kể từ ngày \(letter.leavesOn.display)"
                    + (letter.reason.isEmpty ? "." : ". Lý do: \(letter.reason)."), style: .body),
            .text(
                "Hồ sơ kèm theo: học bạ (bản chính), giấy khai sinh (bản sao), đơn xin chuyển trường của cha mẹ học sinh.",
                style: .body),
            .spacer(mm: 8),
            signatures(
                left: (" ", " ", ""), right: ("HIỆU TRƯỞNG", "(Ký tên, đóng dấu)", letter.school.principalName),
                place: letter.school.place, date: date),
        ])
        return document
    }
}
