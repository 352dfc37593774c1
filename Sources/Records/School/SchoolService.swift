import FluentKit
import Foundation

/// The school profile, the second‑factor policy and the school years.
public struct SchoolService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    let units: AdminUnits

    public init(database: any Database, units: AdminUnits = .shared, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.units = units
        self.clock = clock
    }

    /// Throws unless the caller may see the school's profile.
    public func authorizeViewing(by caller: Caller) throws {
        try caller.require(.viewSchool)
    }

    var writer: AuditedWrite { AuditedWrite(database: database, clock: clock) }

    /// Whether first‑run setup has been done.
    public func isSetUp() async throws -> Bool {
        try await SchoolProfileRow.find(1, on: database) != nil
    }

    /// The profile, or `nil` before first‑run setup. Readable by anyone signed in (the name is on every page).
    public func profile() async throws -> SchoolProfile? {
        try await SchoolProfileRow.find(1, on: database).map { $0.value() }
    }

    /// Changes the profile; requires ``Permission/manageSchool``. The second‑factor flag is not changed here.
    @discardableResult
    public func updateProfile(_ profile: SchoolProfile, by caller: Caller) async throws -> SchoolProfile {
        try caller.require(.manageSchool)
        var clean = profile
        clean.name = VietnameseText.clean(profile.name)
        clean.code = VietnameseText.clean(profile.code)
        clean.addressLine = VietnameseText.clean(profile.addressLine)
        clean.phone = VietnameseText.clean(profile.phone)
        clean.email = VietnameseText.clean(profile.email)
        clean.principalName = VietnameseText.clean(profile.principalName)
        var problems = FieldProblems()
        if clean.name.isEmpty { problems.add("name", "Vui lòng nhập tên trường.") }
        if clean.name.count > 200 { problems.add("name", "Tên trường dài tối đa 200 ký tự.") }
        if !clean.provinceCode.isEmpty && units.province(clean.provinceCode) == nil {
            problems.add("provinceCode", "Tỉnh/thành phố không có trong danh mục.")
        }
        if !clean.wardCode.isEmpty && units.ward(clean.wardCode)?.provinceCode != clean.provinceCode {
            problems.add("wardCode", "Phường/xã không thuộc tỉnh/thành phố đã chọn.")
        }
        if !clean.phone.isEmpty && !Contact.isPhone(clean.phone) {
            problems.add("phone", "Số điện thoại gồm 8–15 chữ số, có thể có dấu cách, dấu chấm hoặc dấu +.")
        }
        if !clean.email.isEmpty && !Contact.isEmail(clean.email) { problems.add("email", "Địa chỉ email không hợp lệ.") }
        try problems.throwIfAny()
        let checked = clean
        return try await writer.run(by: caller) { db in
            guard let row = try await SchoolProfileRow.find(1, on: db) else { throw RecordsError.notSetUp }
            let before = row.value()
            var after = checked
            after.requireSecondFactor = row.requireSecondFactor
            Self.apply(after, to: row)
            try await row.update(on: db)
            return (
                after,
                [
                    AuditEvent(
                        action: "school.update", entity: AuditEntity.school.rawValue, entityID: "1",
                        summary: "Sửa thông tin trường", before: before, after: after)
                ]
            )
        }
    }

    /// Requires (or stops requiring) a second factor for every staff member; principal only.
    public func setRequireSecondFactor(_ required: Bool, by caller: Caller) async throws {
        try caller.require(.manageSecurityPolicy)
        try await writer.run(by: caller) { db in
            guard let row = try await SchoolProfileRow.find(1, on: db) else { throw RecordsError.notSetUp }
            let before = row.requireSecondFactor
            row.requireSecondFactor = required
            try await row.update(on: db)
            return (
                (),
                [
                    AuditEvent(
                        action: "settings.requireSecondFactor", entity: AuditEntity.settings.rawValue, entityID: "1",
                        summary: required ? "Bắt buộc xác thực hai lớp cho cán bộ" : "Bỏ bắt buộc xác thực hai lớp",
                        before: ["requireSecondFactor": before], after: ["requireSecondFactor": required])
                ]
            )
        }
    }

    /// Every school year, newest first.
    public func years(by caller: Caller) async throws -> [SchoolYear] {
        try caller.require(.viewSchool)
        return try await SchoolYearRow.query(on: database).sort(\.$name, .descending).all().map { $0.value() }
    }

    /// The current school year.
    public func currentYear() async throws -> SchoolYear {
        try await SchoolYears.current(on: database).value()
    }

    /// One school year.
    public func year(_ id: SchoolYearID, by caller: Caller) async throws -> SchoolYear {
        try caller.require(.viewSchool)
        guard let row = try await SchoolYearRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        return row.value()
    }

    /// Adds a school year named "YYYY-YYYY+1" with the given dates.
    @discardableResult
    public func createYear(startYear: Int?, dates: SchoolYearDates?, by caller: Caller) async throws -> SchoolYear {
        try caller.require(.manageSchool)
        var problems = FieldProblems()
        guard let startYear, (2000...2100).contains(startYear) else {
            throw FieldProblems("startYear", "Vui lòng nhập năm bắt đầu (ví dụ 2027).")
        }
        let dates = dates ?? .typical(startYear: startYear)
        problems = dates.problems()
        try problems.throwIfAny()
        let name = "\(startYear)-\(startYear + 1)"
        return try await writer.run(by: caller) { db in
            if try await SchoolYearRow.query(on: db).filter(\.$name == name).first() != nil {
                throw FieldProblems("startYear", "Năm học \(name) đã có.")
            }
            let row = SchoolYearRow()
            row.id = UUID()
            row.name = name
            row.isCurrent = false
            Self.apply(dates, to: row)
            try await row.create(on: db)
            let value = row.value()
            return (
                value,
                [
                    AuditEvent(
                        action: "schoolYear.create", entity: AuditEntity.schoolYear.rawValue, entityID: row.id!.uuidString,
                        summary: "Tạo năm học \(name)", before: SchoolYearDates?.none, after: dates)
                ]
            )
        }
    }

    /// Changes a year's dates.
    @discardableResult
    public func updateYear(_ id: SchoolYearID, dates: SchoolYearDates, by caller: Caller) async throws -> SchoolYear {
        try caller.require(.manageSchool)
        try dates.problems().throwIfAny()
        return try await writer.run(by: caller) { db in
            guard let row = try await SchoolYearRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            let before = row.value().dates
            Self.apply(dates, to: row)
            try await row.update(on: db)
            return (
                row.value(),
                [
                    AuditEvent(
                        action: "schoolYear.update", entity: AuditEntity.schoolYear.rawValue,
                        entityID: id.description, summary: "Sửa lịch năm học \(row.name)",
                        before: before, after: dates)
                ]
            )
        }
    }

    /// Makes a year the current one (the one whose roles are in force).
    public func makeCurrent(_ id: SchoolYearID, by caller: Caller) async throws {
        try caller.require(.manageSchool)
        try await writer.run(by: caller) { db in
            guard let row = try await SchoolYearRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            let previous = try await SchoolYearRow.query(on: db).filter(\.$isCurrent == true).first()
            try await SchoolYearRow.query(on: db).set(\.$isCurrent, to: false).update()
            row.isCurrent = true
            try await row.update(on: db)
            return (
                (),
                [
                    AuditEvent(
                        action: "schoolYear.makeCurrent", entity: AuditEntity.schoolYear.rawValue, entityID: id.description,
                        summary: "Chọn năm học hiện tại: \(row.name)", before: ["current": previous?.name ?? ""],
                        after: ["current": row.name])
                ]
            )
        }
    }

    static func apply(_ profile: SchoolProfile, to row: SchoolProfileRow) {
        row.name = profile.name
        row.code = profile.code
        row.provinceCode = profile.provinceCode
        row.wardCode = profile.wardCode
        row.addressLine = profile.addressLine
        row.phone = profile.phone
        row.email = profile.email
        row.principalName = profile.principalName
        row.requireSecondFactor = profile.requireSecondFactor
    }

    static func apply(_ dates: SchoolYearDates, to row: SchoolYearRow) {
        row.startsOn = dates.startsOn.iso
        row.term1EndsOn = dates.term1EndsOn.iso
        row.term2StartsOn = dates.term2StartsOn.iso
        row.endsOn = dates.endsOn.iso
        row.midTerm1On = dates.checkpoints[.midTerm1]?.iso ?? ""
        row.endTerm1On = dates.checkpoints[.endTerm1]?.iso ?? ""
        row.midTerm2On = dates.checkpoints[.midTerm2]?.iso ?? ""
        row.endOfYearOn = dates.checkpoints[.endOfYear]?.iso ?? ""
    }
}

/// Checks on contact details people type.
public enum Contact {
    /// A Vietnamese mobile number as one form: ten digits, `0` and a carrier prefix (03, 05, 07, 08, 09), whether
    /// typed `0987 654 321`, `098.765.4321`, `+84 98 765 4321` or `84987654321`; nil for anything else (a number
    /// with a digit missing, a landline, letters). SMS go only to numbers in this form.
    public static func mobile(_ text: String) -> String? {
        let trimmed = text.filter { $0 != "(" && $0 != ")" }.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || " .-+".contains($0)) }),
            !trimmed.dropFirst().contains("+")
        else { return nil }
        var digits = trimmed.filter(\.isNumber)
        if digits.hasPrefix("84") && digits.count == 11 { digits = "0" + digits.dropFirst(2) }
        guard digits.count == 10, digits.hasPrefix("0"), let carrier = digits.dropFirst().first, "35789".contains(carrier)
        else { return nil }
        return digits
    }

    /// What a person is told when a mobile number is refused.
    public static let mobileRule = "gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể viết +84)"

    /// 8–15 digits, with spaces, dots, dashes or a leading +: any phone, landlines included (a school's desk).
    public static func isPhone(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber)
        let allowed = text.allSatisfy { $0.isNumber || " .-+()".contains($0) }
        return allowed && (8...15).contains(digits.count)
    }

    /// A plausible email address: one @, a dot in the domain, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && text.count <= 200
    }
}
