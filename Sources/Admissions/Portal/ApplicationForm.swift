import Foundation
import Records

/// Trạng thái hồ sơ: where an application stands.
public enum ApplicationStatus: String, Sendable, Codable, CaseIterable {
    case draft, submitted, needsInfo, verified, notEligible

    /// What the parent reads on the status page.
    public var label: String {
        switch self {
        case .draft: "Đang soạn, chưa nộp"
        case .submitted: "Đã nộp, chờ hội đồng xét duyệt"
        case .needsInfo: "Cần bổ sung thông tin"
        case .verified: "Đã được xác minh"
        case .notEligible: "Không đủ điều kiện"
        }
    }
}

/// Where the child lives in the eyes of the law: registered permanently (thường trú) or temporarily (tạm trú).
public enum ResidenceKind: String, Sendable, Codable, CaseIterable {
    /// Thường trú.
    case permanent
    /// Tạm trú.
    case temporary

    /// "Thường trú" or "Tạm trú".
    public var label: String { self == .permanent ? "Thường trú" : "Tạm trú" }
}

/// One parent or guardian on the application.
public struct GuardianEntry: Sendable, Equatable, Codable {
    public var name: String
    public var phone: String
    public var email: String
    /// Số định danh (CCCD), optional.
    public var personalID: String

    public init(name: String = "", phone: String = "", email: String = "", personalID: String = "") {
        self.name = VietnameseText.clean(name)
        // A valid mobile is kept in one form, so SMS and the parent account's check use the same number.
        self.phone = Contact.mobile(phone) ?? VietnameseText.clean(phone)
        self.email = VietnameseText.clean(email)
        self.personalID = VietnameseText.clean(personalID)
    }

    var isEmpty: Bool { name.isEmpty && phone.isEmpty && email.isEmpty && personalID.isEmpty }
}

/// What a parent (or the desk on their behalf) fills in.
public struct ApplicationForm: Sendable, Equatable, Codable {
    /// The child as the parent confirms or corrects it.
    public var childFamily: String
    public var childMiddle: String
    public var childGiven: String
    public var childFamilyLast: Bool
    /// `yyyy-MM-dd`.
    public var childBirthDate: String
    /// Nil until the family chooses.
    public var childSex: Sex?
    /// Dân tộc, one of ``Ethnicity/choices``; empty until the family chooses (never assumed).
    public var childEthnicity: String
    /// Mã định danh cá nhân of the child: 12 digits, or empty when the family does not have it.
    public var childPersonalID: String
    /// Nơi sinh, as on the birth certificate.
    public var childPlaceOfBirth: String
    /// Quê quán, as on the birth certificate; optional.
    public var childHometown: String
    /// Why the child's details differ from the kindergarten list (a document must back it).
    public var correctionReason: String
    public var father: GuardianEntry
    public var mother: GuardianEntry
    public var guardian: GuardianEntry
    public var guardianRelation: String
    /// Thường trú or tạm trú; nil until the family chooses.
    public var residenceKind: ResidenceKind?
    public var outsideCatchment: Bool
    public var wardCode: String
    public var hamlet: String
    public var addressLine: String
    public var priorityCodes: [String]
    /// Consent under the 2025 Personal Data Protection Law; required to submit.
    public var consent: Bool

    public init(
        childFamily: String = "", childMiddle: String = "", childGiven: String = "", childFamilyLast: Bool = false,
        childBirthDate: String = "", childSex: Sex? = nil, childEthnicity: String = "", childPersonalID: String = "",
        childPlaceOfBirth: String = "", childHometown: String = "", correctionReason: String = "", father: GuardianEntry = .init(),
        mother: GuardianEntry = .init(), guardian: GuardianEntry = .init(), guardianRelation: String = "",
        residenceKind: ResidenceKind? = .permanent, outsideCatchment: Bool = false, wardCode: String = "", hamlet: String = "",
        addressLine: String = "", priorityCodes: [String] = [], consent: Bool = false
    ) {
        self.childFamily = VietnameseText.clean(childFamily)
        self.childMiddle = VietnameseText.clean(childMiddle)
        self.childGiven = VietnameseText.clean(childGiven)
        self.childFamilyLast = childFamilyLast
        self.childBirthDate = childBirthDate
        self.childSex = childSex
        self.childEthnicity = Ethnicity.written(childEthnicity)
        self.childPersonalID = PersonalID.compact(childPersonalID)
        self.childPlaceOfBirth = VietnameseText.clean(childPlaceOfBirth)
        self.childHometown = VietnameseText.clean(childHometown)
        self.correctionReason = VietnameseText.clean(correctionReason)
        self.father = father
        self.mother = mother
        self.guardian = guardian
        self.guardianRelation = VietnameseText.clean(guardianRelation)
        self.residenceKind = residenceKind
        self.outsideCatchment = outsideCatchment
        self.wardCode = wardCode
        self.hamlet = VietnameseText.clean(hamlet)
        self.addressLine = VietnameseText.clean(addressLine)
        self.priorityCodes = priorityCodes
        self.consent = consent
    }

    /// The form pre‑filled with the child as the kindergarten list gives it. The list's parent is shown as a hint,
    /// not filled in: a list does not say whether it names the father or the mother.
    public static func prefilled(from child: ChildEntry) -> ApplicationForm {
        ApplicationForm(
            childFamily: child.name.family, childMiddle: child.name.middle, childGiven: child.name.given,
            childFamilyLast: child.name.familyLast, childBirthDate: child.birthDate?.iso ?? "",
            childSex: child.gender, childPersonalID: child.personalID, addressLine: child.address)
    }

    /// The residence as a catchment key (see ``Campaign/catchmentUnits``): `wardCode|hamlet`, `outside`, or empty
    /// when not given yet.
    public var unitKey: String {
        outsideCatchment ? "outside" : wardCode.isEmpty ? "" : "\(wardCode)|\(hamlet)"
    }

    /// The child's name as the form gives it.
    public var childName: PersonName {
        PersonName(family: childFamily, middle: childMiddle, given: childGiven, familyLast: childFamilyLast)
    }

    /// Problems that stop a submission, by field; drafts are saved with problems.
    func problems(for campaign: Campaign, listed: ChildEntry) -> FieldProblems {
        var problems = FieldProblems()
        if childFamily.isEmpty { problems.add("childFamily", "Vui lòng nhập họ của trẻ.") }
        if childGiven.isEmpty { problems.add("childGiven", "Vui lòng nhập tên của trẻ.") }
        if let date = SchoolDate(iso: childBirthDate) {
            switch Eligibility.of(birthYear: date.year, campaignBirthYear: campaign.birthYear) {
            case .ofAge, .olderNeedsReason: break
            case .underAge: problems.add("childBirthDate", "Trẻ sinh năm \(date.year) chưa đủ tuổi vào lớp 1.")
            case .tooOld: problems.add("childBirthDate", "Trẻ sinh năm \(date.year) lớn hơn độ tuổi quy định quá 3 tuổi.")
            }
        } else {
            problems.add("childBirthDate", "Vui lòng nhập ngày sinh dạng dd/mm/yyyy.")
        }
        if childSex == nil { problems.add("childGender", "Vui lòng chọn giới tính.") }
        if childEthnicity.isEmpty {
            problems.add("childEthnicity", "Vui lòng chọn dân tộc của trẻ, như ghi trong giấy khai sinh.")
        } else if Ethnicity.canonical(childEthnicity) == nil {
            problems.add("childEthnicity", "Vui lòng chọn dân tộc trong danh sách.")
        }
        if let problem = PersonalID.problem(childPersonalID, birthYear: SchoolDate(iso: childBirthDate)?.year, sex: childSex) {
            problems.add("childPersonalID", "Mã định danh của trẻ \(problem).")
        }
        if childPlaceOfBirth.isEmpty {
            problems.add("childPlaceOfBirth", "Vui lòng ghi nơi sinh của trẻ, như trong giấy khai sinh.")
        }
        // The parts are compared, not the written order: "H'Hen Niê" is the list's "Niê" and "H'Hen" either way.
        let parts = { (name: PersonName) in [name.family, name.middle, name.given].map(VietnameseText.foldKey) }
        let corrected =
            parts(childName) != parts(listed.name)
            || childBirthDate != (listed.birthDate?.iso ?? "") || childSex != listed.gender
        if corrected && correctionReason.isEmpty {
            problems.add("correctionReason", "Thông tin của trẻ khác với danh sách của trường mầm non: ghi rõ lý do sửa.")
        }
        let people = [("father", father), ("mother", mother), ("guardian", guardian)]
        if people.allSatisfy({ $0.1.name.isEmpty || $0.1.phone.isEmpty }) {
            problems.add("motherName", "Cần họ tên và số điện thoại của ít nhất một người: cha, mẹ hoặc người giám hộ.")
        }
        let whose = ["father": "cha", "mother": "mẹ", "guardian": "người giám hộ"]
        for (prefix, person) in people where !person.isEmpty {
            let of = whose[prefix] ?? ""
            if person.name.isEmpty { problems.add("\(prefix)Name", "Vui lòng nhập họ tên \(of).") }
            if !person.phone.isEmpty && Contact.mobile(person.phone) == nil {
                problems.add("\(prefix)Phone", "Số điện thoại di động của \(of) \(Contact.mobileRule).")
            }
            if !person.email.isEmpty && !Contact.isEmail(person.email) {
                problems.add("\(prefix)Email", "Địa chỉ email của \(of) không hợp lệ.")
            }
            if !person.personalID.isEmpty && !(person.personalID.count == 12 && person.personalID.allSatisfy(\.isNumber)) {
                problems.add("\(prefix)ID", "Số định danh của \(of) gồm đúng 12 chữ số.")
            }
        }
        if residenceKind == nil { problems.add("residenceKind", "Vui lòng chọn thường trú hoặc tạm trú.") }
        if outsideCatchment {
            if addressLine.isEmpty { problems.add("addressLine", "Vui lòng ghi địa chỉ nơi cư trú.") }
        } else if let unit = campaign.catchment.first(where: { $0.wardCode == wardCode }) {
            if !unit.hamlets.isEmpty && !unit.hamlets.contains(hamlet) {
                problems.add("hamlet", "Vui lòng chọn tổ dân phố/thôn trong danh sách, hoặc chọn “ngoài địa bàn”.")
            }
            if addressLine.isEmpty { problems.add("addressLine", "Vui lòng ghi số nhà, đường/ngõ.") }
        } else {
            problems.add("wardCode", "Vui lòng chọn phường/xã trong địa bàn tuyển sinh, hoặc chọn “ngoài địa bàn”.")
        }
        let known = Set(campaign.priorityGroups.map(\.code))
        if priorityCodes.contains(where: { !known.contains($0) }) { problems.add("priorityCodes", "Nhóm đối tượng không hợp lệ.") }
        if !consent { problems.add("consent", "Cần đồng ý cho nhà trường xử lý dữ liệu cá nhân của trẻ để nộp hồ sơ.") }
        return problems
    }

    /// Length limits that hold even for drafts, so nobody stores a novel in a name field.
    func draftProblems() -> FieldProblems {
        var problems = FieldProblems()
        let fields: [(String, String, Int)] = [
            ("childFamily", childFamily, 60), ("childMiddle", childMiddle, 60), ("childGiven", childGiven, 60),
            ("correctionReason", correctionReason, 500), ("fatherName", father.name, 120), ("motherName", mother.name, 120),
            ("guardianName", guardian.name, 120), ("addressLine", addressLine, 300), ("hamlet", hamlet, 120),
            ("fatherEmail", father.email, 200), ("motherEmail", mother.email, 200), ("guardianEmail", guardian.email, 200),
            ("fatherPhone", father.phone, 30), ("motherPhone", mother.phone, 30), ("guardianPhone", guardian.phone, 30),
            ("guardianRelation", guardianRelation, 60), ("childEthnicity", childEthnicity, 40),
            ("childPlaceOfBirth", childPlaceOfBirth, 300), ("childHometown", childHometown, 300),
        ]
        for (field, value, limit) in fields where value.count > limit {
            problems.add(field, "Quá dài (tối đa \(limit) ký tự).")
        }
        let codes: [(String, String, Int)] = [
            ("childBirthDate", childBirthDate, 10), ("residenceUnit", wardCode, 10), ("childPersonalID", childPersonalID, 20),
            ("fatherID", father.personalID, 20),
            ("motherID", mother.personalID, 20),
            ("guardianID", guardian.personalID, 20),
        ]
        for (field, value, limit) in codes where value.count > limit { problems.add(field, "Giá trị không hợp lệ.") }
        if priorityCodes.count > 10 || priorityCodes.contains(where: { $0.count > 20 }) {
            problems.add("priorityCodes", "Nhóm đối tượng không hợp lệ.")
        }
        return problems
    }
}

extension ApplicationForm {
    enum CodingKeys: String, CodingKey {
        case childFamily, childMiddle, childGiven, childFamilyLast, childBirthDate
        case childSex = "childGender"
        case childEthnicity, childPersonalID, childPlaceOfBirth, childHometown
        case correctionReason, father, mother, guardian, guardianRelation, residenceKind, outsideCatchment, wardCode, hamlet
        case addressLine, priorityCodes, consent
    }

    /// Reads a stored form leniently: a field that is missing (a form stored before it existed) takes its default,
    /// and a choice stored as an empty or unknown string reads as not chosen, so an old form never becomes unreadable.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        func flag(_ key: CodingKeys) throws -> Bool { try c.decodeIfPresent(Bool.self, forKey: key) ?? false }
        func person(_ key: CodingKeys) throws -> GuardianEntry { try c.decodeIfPresent(GuardianEntry.self, forKey: key) ?? .init() }
        self.init(
            childFamily: try text(.childFamily), childMiddle: try text(.childMiddle), childGiven: try text(.childGiven),
            childFamilyLast: try flag(.childFamilyLast), childBirthDate: try text(.childBirthDate),
            childSex: Sex(rawValue: try text(.childSex)), childEthnicity: try text(.childEthnicity),
            childPersonalID: try text(.childPersonalID), childPlaceOfBirth: try text(.childPlaceOfBirth),
            childHometown: try text(.childHometown), correctionReason: try text(.correctionReason),
            father: try person(.father), mother: try person(.mother), guardian: try person(.guardian),
            guardianRelation: try text(.guardianRelation), residenceKind: ResidenceKind(rawValue: try text(.residenceKind)),
            outsideCatchment: try flag(.outsideCatchment), wardCode: try text(.wardCode), hamlet: try text(.hamlet),
            addressLine: try text(.addressLine), priorityCodes: try c.decodeIfPresent([String].self, forKey: .priorityCodes) ?? [],
            consent: try flag(.consent))
    }
}
