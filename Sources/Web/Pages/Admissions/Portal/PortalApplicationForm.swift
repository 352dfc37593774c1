import Admissions
import Records
import Vapor

/// The parent's application form as posted, with the document chosen on it (the form is one multipart form, so an
/// upload carries everything typed so far).
struct PortalApplicationForm: Content {
    var childFamily: String?
    var childMiddle: String?
    var childGiven: String?
    var childFamilyLast: String?
    var childBirthDate: String?
    var childGender: String?
    var childEthnicity: String?
    var childPersonalID: String?
    var childPlaceOfBirth: String?
    var childHometown: String?
    var correctionReason: String?
    var fatherName: String?
    var fatherPhone: String?
    var fatherEmail: String?
    var fatherID: String?
    var motherName: String?
    var motherPhone: String?
    var motherEmail: String?
    var motherID: String?
    var guardianName: String?
    var guardianPhone: String?
    var guardianRelation: String?
    var residenceKind: String?
    var residenceUnit: String?
    var addressLine: String?
    var priorityCodes: [String]?
    var consent: String?
    var action: String?
    /// The kind of document in `file`, and the file itself, when one was chosen.
    var kind: String?
    var file: ChosenFile?

    /// Whether the post carries the form's fields (a bare upload of a file does not).
    var carriesForm: Bool { childGiven != nil || motherName != nil }

    var form: ApplicationForm {
        let unit = residenceUnit ?? ""
        let outside = unit == "outside"
        let parts = unit.split(separator: "|", maxSplits: 1).map(String.init)
        return ApplicationForm(
            childFamily: childFamily ?? "", childMiddle: childMiddle ?? "", childGiven: childGiven ?? "",
            childFamilyLast: FormInput.checked(childFamilyLast), childBirthDate: SchoolDate(vietnamese: childBirthDate ?? "")?.iso ?? "",
            childSex: Sex(rawValue: childGender ?? ""), childEthnicity: childEthnicity ?? "",
            childPersonalID: childPersonalID ?? "", childPlaceOfBirth: childPlaceOfBirth ?? "", childHometown: childHometown ?? "",
            correctionReason: correctionReason ?? "",
            father: GuardianEntry(name: fatherName ?? "", phone: fatherPhone ?? "", email: fatherEmail ?? "", personalID: fatherID ?? ""),
            mother: GuardianEntry(name: motherName ?? "", phone: motherPhone ?? "", email: motherEmail ?? "", personalID: motherID ?? ""),
            guardian: GuardianEntry(name: guardianName ?? "", phone: guardianPhone ?? ""), guardianRelation: guardianRelation ?? "",
            residenceKind: ResidenceKind(rawValue: residenceKind ?? ""), outsideCatchment: outside,
            wardCode: outside ? "" : parts.first ?? "",
            hamlet: outside || parts.count < 2 ? "" : parts[1], addressLine: addressLine ?? "",
            priorityCodes: priorityCodes ?? [], consent: FormInput.checked(consent))
    }

    /// What the form shows, from a stored or typed application.
    static func values(_ form: ApplicationForm, birthDateText: String? = nil) -> [String: String] {
        [
            "childFamily": form.childFamily, "childMiddle": form.childMiddle, "childGiven": form.childGiven,
            "childFamilyLast": form.childFamilyLast ? "true" : "",
            "childBirthDate": birthDateText ?? SchoolDate(iso: form.childBirthDate)?.display ?? "",
            "childGender": form.childSex?.rawValue ?? "", "childEthnicity": form.childEthnicity,
            "childPersonalID": form.childPersonalID, "childPlaceOfBirth": form.childPlaceOfBirth,
            "childHometown": form.childHometown, "correctionReason": form.correctionReason,
            "fatherName": form.father.name, "fatherPhone": form.father.phone, "fatherEmail": form.father.email,
            "fatherID": form.father.personalID,
            "motherName": form.mother.name, "motherPhone": form.mother.phone, "motherEmail": form.mother.email,
            "motherID": form.mother.personalID,
            "guardianName": form.guardian.name, "guardianPhone": form.guardian.phone, "guardianRelation": form.guardianRelation,
            "residenceKind": form.residenceKind?.rawValue ?? "",
            "residenceUnit": form.unitKey,
            "addressLine": form.addressLine, "consent": form.consent ? "true" : "",
        ]
    }
}

/// A file field that may be missing or not a file at all (a script posting the form URL-encoded sends the field as text):
/// anything but a file decodes as no file, never as a refusal of the whole form.
struct ChosenFile: Codable {
    let file: File?

    /// Decodes through a single-value container, so that the multipart decoder hands over the whole part as a `File`
    /// (decoding `File` directly would look for `data` and `filename` fields inside it).
    init(from decoder: any Decoder) throws { file = try? decoder.singleValueContainer().decode(File.self) }

    func encode(to encoder: any Encoder) throws { try file.encode(to: encoder) }
}
