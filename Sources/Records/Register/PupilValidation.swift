import Foundation

// Input checks for children, guardians and register entries. Each value is cleaned first (NFC, whitespace, compact
// personal IDs), then checked, so the stored text is exactly the text that passed.

extension NewStudent {
    /// The child with its text cleaned, its personal ID compacted and its ethnicity spelt as the list spells it.
    public func cleaned() -> NewStudent {
        var child = self
        child.name = PersonName(family: name.family, middle: name.middle, given: name.given, familyLast: name.familyLast)
        child.personalID = IdentityKeys.personalID(personalID)
        child.ethnicity = Ethnicity.written(ethnicity)
        child.placeOfBirth = VietnameseText.clean(placeOfBirth)
        child.hometown = VietnameseText.clean(hometown)
        child.address = VietnameseText.clean(address)
        return child
    }

    func check(into problems: inout FieldProblems, before entryDate: SchoolDate?) {
        RegisterChecks.name(name, into: &problems)
        if let birthDate {
            if let entryDate, birthDate >= entryDate {
                problems.add("birthDate", "Ngày sinh phải trước ngày vào trường.")
            }
        } else {
            problems.add("birthDate", "Vui lòng nhập ngày sinh (dd/mm/yyyy).")
        }
        if sex == nil { problems.add("sex", "Vui lòng chọn giới tính Nam hoặc Nữ.") }
        RegisterChecks.personalID(personalID, birthDate: birthDate, sex: sex, into: &problems)
        RegisterChecks.ethnicity(ethnicity, into: &problems)
        RegisterChecks.length(placeOfBirth, 300, field: "placeOfBirth", label: "Nơi sinh", into: &problems)
        RegisterChecks.length(hometown, 300, field: "hometown", label: "Quê quán", into: &problems)
        RegisterChecks.length(address, 300, field: "address", label: "Nơi ở", into: &problems)
    }
}

extension NewGuardian {
    /// The guardian with text cleaned and the personal ID compacted.
    public func cleaned() -> NewGuardian {
        NewGuardian(
            name: PersonName(family: name.family, middle: name.middle, given: name.given, familyLast: name.familyLast),
            relation: relation, phone: Contact.mobile(phone) ?? VietnameseText.clean(phone), email: VietnameseText.clean(email),
            personalID: IdentityKeys.personalID(personalID))
    }

    func check(prefix: String, into problems: inout FieldProblems) {
        if name.given.isEmpty { problems.add(prefix + "name", "Vui lòng nhập họ và tên của \(relation.label.lowercased()).") }
        if name.full.count > 100 { problems.add(prefix + "name", "Họ và tên dài tối đa 100 ký tự.") }
        if !phone.isEmpty && Contact.mobile(phone) == nil {
            problems.add(prefix + "phone", "Số điện thoại di động của \(relation.label.lowercased()) \(Contact.mobileRule).")
        }
        if !email.isEmpty && !Contact.isEmail(email) { problems.add(prefix + "email", "Địa chỉ email không hợp lệ.") }
        RegisterChecks.personalID(personalID, field: prefix + "personalID", into: &problems)
    }
}

extension NewPupil {
    /// The pupil with every text cleaned.
    public func cleaned() -> NewPupil {
        var pupil = self
        pupil.child = child.cleaned()
        pupil.guardians = guardians.map { $0.cleaned() }
        pupil.previousSchool = VietnameseText.clean(previousSchool)
        pupil.notes = VietnameseText.clean(notes)
        pupil.registerNumberText = VietnameseText.clean(registerNumberText)
        return pupil
    }

    /// Problems a person can correct, by field: `given`, `birthDate`, `guardians[0].phone`, … Checks the cleaned
    /// pupil, as ``RegisterService/admit(_:into:by:at:on:)`` does.
    public func problems() -> FieldProblems {
        let pupil = cleaned()
        var problems = FieldProblems()
        pupil.child.check(into: &problems, before: pupil.entryDate)
        for (index, guardian) in pupil.guardians.enumerated() {
            guardian.check(prefix: "guardians[\(index)].", into: &problems)
        }
        if pupil.route == .transferIn && pupil.previousSchool.isEmpty {
            problems.add("previousSchool", "Vui lòng nhập trường học sinh chuyển đi.")
        }
        RegisterChecks.length(pupil.previousSchool, 200, field: "previousSchool", label: "Tên trường cũ", into: &problems)
        RegisterChecks.length(pupil.notes, 1000, field: "notes", label: "Ghi chú", into: &problems)
        RegisterChecks.length(pupil.registerNumberText, 30, field: "registerNumberText", label: "Số đăng bộ", into: &problems)
        return problems
    }
}

extension RegisterDetails {
    /// The details with every text cleaned.
    public func cleaned() -> RegisterDetails {
        var details = self
        details.name = PersonName(family: name.family, middle: name.middle, given: name.given, familyLast: name.familyLast)
        details.personalID = IdentityKeys.personalID(personalID)
        details.ethnicity = Ethnicity.written(ethnicity)
        for path in [
            \RegisterDetails.placeOfBirth, \.hometown, \.address, \.fatherName, \.motherName, \.guardianName,
            \.previousSchool, \.notes,
        ] {
            details[keyPath: path] = VietnameseText.clean(details[keyPath: path])
        }
        return details
    }

    /// Problems a person can correct, by field, in the cleaned details.
    public func problems() -> FieldProblems {
        let details = cleaned()
        var problems = FieldProblems()
        RegisterChecks.name(details.name, into: &problems)
        if details.birthDate >= details.entryDate { problems.add("birthDate", "Ngày sinh phải trước ngày vào trường.") }
        RegisterChecks.personalID(details.personalID, birthDate: details.birthDate, sex: details.sex, into: &problems)
        RegisterChecks.ethnicity(details.ethnicity, into: &problems)
        RegisterChecks.length(details.placeOfBirth, 300, field: "placeOfBirth", label: "Nơi sinh", into: &problems)
        RegisterChecks.length(details.hometown, 300, field: "hometown", label: "Quê quán", into: &problems)
        RegisterChecks.length(details.address, 300, field: "address", label: "Nơi ở", into: &problems)
        RegisterChecks.length(details.fatherName, 100, field: "fatherName", label: "Họ tên cha", into: &problems)
        RegisterChecks.length(details.motherName, 100, field: "motherName", label: "Họ tên mẹ", into: &problems)
        RegisterChecks.length(details.guardianName, 100, field: "guardianName", label: "Họ tên người giám hộ", into: &problems)
        if !(1...5).contains(details.entryGrade) { problems.add("entryGrade", "Khối vào trường từ 1 đến 5.") }
        if details.route == .transferIn && details.previousSchool.isEmpty {
            problems.add("previousSchool", "Vui lòng nhập trường học sinh chuyển đi.")
        }
        RegisterChecks.length(details.previousSchool, 200, field: "previousSchool", label: "Tên trường cũ", into: &problems)
        RegisterChecks.length(details.notes, 1000, field: "notes", label: "Ghi chú", into: &problems)
        return problems
    }
}

enum RegisterChecks {
    static func name(_ name: PersonName, into problems: inout FieldProblems) {
        if name.family.isEmpty { problems.add("family", "Vui lòng nhập họ của học sinh.") }
        if name.given.isEmpty { problems.add("given", "Vui lòng nhập tên của học sinh.") }
        for (field, part) in [("family", name.family), ("middle", name.middle), ("given", name.given)] where part.count > 50 {
            problems.add(field, "Mỗi phần của họ tên dài tối đa 50 ký tự.")
        }
    }

    static func personalID(_ id: String, field: String, into problems: inout FieldProblems) {
        if !id.isEmpty && !IdentityKeys.isPersonalID(id) {
            problems.add(field, "Mã định danh cá nhân gồm đúng 12 chữ số.")
        }
    }

    /// A pupil's ID checked against the birth date and sex as well as its form.
    static func personalID(_ id: String, birthDate: SchoolDate?, sex: Sex?, into problems: inout FieldProblems) {
        if let problem = PersonalID.problem(id, birthYear: birthDate?.year, sex: sex) {
            problems.add("personalID", "Mã định danh cá nhân \(problem).")
        }
    }

    /// Dân tộc: empty while not given, otherwise one of the list.
    static func ethnicity(_ text: String, into problems: inout FieldProblems) {
        if !text.isEmpty && Ethnicity.canonical(text) == nil {
            problems.add("ethnicity", "“\(text.prefix(40))” không có trong danh mục 54 dân tộc Việt Nam; chọn trong danh sách.")
        }
    }

    static func length(_ text: String, _ limit: Int, field: String, label: String, into problems: inout FieldProblems) {
        if text.count > limit { problems.add(field, "\(label) dài tối đa \(limit) ký tự.") }
    }

    /// Problems of one pupil of a batch, renamed `pupils[i].field` and prefixed with the child's name, so that a
    /// page listing the whole batch can say which child needs attention.
    static func batch(_ pupils: [NewPupil]) -> FieldProblems {
        var all = FieldProblems()
        for (index, pupil) in pupils.enumerated() {
            let who = pupil.child.name.full.isEmpty ? "Trẻ thứ \(index + 1)" : pupil.child.name.full
            for problem in pupil.problems().list {
                all.add("pupils[\(index)].\(problem.field)", "\(who): \(problem.message)")
            }
        }
        return all
    }
}
