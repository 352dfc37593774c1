import Foundation
import Records
import Vapor

/// The clerk's page for a pupil who transfers in: the child, the parents, the class, the school left and the dossier.
enum TransferInPages {
    struct Page: Encodable {
        let layout: Layout
        let yearName: String
        let classes: [SelectOption]
        let sexes: [SelectOption]
        let dossier: [Check]
        let form: FormState
        let familyLast: Bool
        let action: String
    }

    struct Check: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct Form: Content {
        var family: String?
        var middle: String?
        var given: String?
        var familyLast: String?
        var birthDate: String?
        var sex: String?
        var personalID: String?
        var ethnicity: String?
        var placeOfBirth: String?
        var address: String?
        var fatherName: String?
        var fatherPhone: String?
        var motherName: String?
        var motherPhone: String?
        var classID: String?
        var date: String?
        var previousSchool: String?
        var notes: String?
        var dossier: [String]?

        var values: [String: String] {
            let mirror = Mirror(reflecting: self)
            return Dictionary(
                uniqueKeysWithValues: mirror.children.compactMap { child in
                    (child.value as? String?).flatMap { value in child.label.map { ($0, value ?? "") } }
                })
        }

        /// The pupil as typed; the service cleans and checks it.
        var pupil: NewPupil {
            var guardians: [NewGuardian] = []
            if let name = fatherName, !name.isEmpty {
                guardians.append(NewGuardian(name: PersonName(kinhFullName: name), relation: .father, phone: fatherPhone ?? ""))
            }
            if let name = motherName, !name.isEmpty {
                guardians.append(NewGuardian(name: PersonName(kinhFullName: name), relation: .mother, phone: motherPhone ?? ""))
            }
            return NewPupil(
                child: NewStudent(
                    name: PersonName(
                        family: family ?? "", middle: middle ?? "", given: given ?? "", familyLast: FormInput.checked(familyLast)),
                    birthDate: FormInput.date(birthDate), sex: sex.flatMap(Sex.init(rawValue:)), personalID: personalID ?? "",
                    ethnicity: ethnicity ?? "", placeOfBirth: placeOfBirth ?? "", address: address ?? ""),
                guardians: guardians, classID: classID.flatMap(ClassID.init) ?? ClassID(UUID()),
                entryDate: SchoolDate(year: 2000, month: 1, day: 1)!, route: .transferIn, previousSchool: previousSchool ?? "",
                notes: notes ?? "")
        }
    }
}
