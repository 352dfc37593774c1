import FluentKit
import Foundation

/// The demo school's pupils: 500 children in the 15 classes of 2026-2027 with Vietnamese names (Ê Đê names among
/// them, who take their mother's clan name), parents with phones, siblings sharing them, register entries (the old
/// book's numbers kept for grades 2–5) and a few movements, so every book has data to show. The same every time
/// (a fixed random sequence); does nothing once the register has an entry.
public struct DemoPupils: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// Demo pupils over `database`.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// A fixed sequence of pseudo-random numbers (a linear congruential generator): the demo is the same each time.
    struct Sequence {
        var state: UInt64 = 20_262_027
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ list: [T]) -> T { list[next(list.count)] }
    }

    struct Family {
        let father: PersonName
        let mother: PersonName
        let phone: String
        let childFamily: String
        let familyLast: Bool
        let ethnicity: String
    }

    static let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan"]
    static let boys = ["Minh", "Khang", "Bảo", "Huy", "Phúc", "Nam", "Đức", "Tuấn", "Long", "Quân", "Khôi", "An", "Hưng", "Đạt"]
    static let girls = ["Ánh", "Hoa", "Lan", "Mai", "Hương", "Thảo", "Trang", "Vy", "Yến", "Nhi", "Ngân", "Linh", "Chi", "Ngọc"]
    static let boyMiddles = ["Văn", "Đức", "Minh", "Quốc", "Gia", "Hữu", "Anh", "Thành"]
    static let girlMiddles = ["Thị", "Ngọc", "Thu", "Minh", "Khánh", "Bảo", "Phương", "Thùy"]
    static let clans = ["Niê", "Êban", "Mlô", "Ksơr", "Byă", "Adrơng", "Hwing"]
    static let edeBoys = ["Kŏ", "Thi", "Bhin", "Jú", "Siu", "Wang"]
    static let edeGirls = ["Hen", "Blơ", "Ngân", "Juin", "Lan", "Mai"]
    static let streets = ["phố Hàng Bài", "phố Tràng Thi", "phố Lý Thường Kiệt", "phố Hai Bà Trưng", "phố Hàng Trống", "ngõ Thọ Xương"]

    /// Adds the pupils when the register is still empty; returns how many it added (0 when there were some).
    @discardableResult
    public func seed() async throws -> Int {
        guard try await RegisterEntryRow.query(on: database).count() == 0 else { return 0 }
        let caller = Caller(accountID: nil, displayName: "Dữ liệu mẫu", grants: Grants(roles: [.principal, .clerk]))
        let year = try await SchoolYears.current(on: database)
        let classes = try await ClassRow.query(on: database).filter(\.$yearID == year.id!).sort(\.$sortKey).all()
        guard classes.count == 15 else { return 0 }
        let pupils = Self.pupils(classes: classes)
        let admitted = try await RegisterService(database: database, clock: clock).admit(pupils, into: SchoolYearID(year.id!), by: caller)
        let movements = MovementService(database: database, clock: clock)
        let inClass = { (name: String, offset: Int) -> StudentID? in
            let id = classes.first { $0.name == name }.map { ClassID($0.id!) }
            return admitted.filter { $0.classID == id }.dropFirst(offset).first?.entry.studentID
        }
        let day = { (d: Int, m: Int) in SchoolDate(year: 2026, month: m, day: d)! }
        if let pupil = inClass("2A", 3), let target = classes.first(where: { $0.name == "2B" }) {
            try await movements.changeClass(pupil, to: ClassID(target.id!), on: day(15, 10), reason: "Gia đình đề nghị", by: caller)
        }
        if let pupil = inClass("4C", 5) {
            try await movements.leave(
                pupil,
                Departure(
                    kind: .transferOut, date: day(10, 11), otherSchool: "Trường Tiểu học Hòa Thắng, Buôn Ma Thuột",
                    reason: "Gia đình chuyển về Đắk Lắk"), by: caller)
        }
        if let pupil = inClass("5B", 7) {
            try await movements.leave(
                pupil, Departure(kind: .dropOut, date: day(20, 11), reason: "Nghỉ ốm dài ngày theo đơn của gia đình"), by: caller)
        }
        return pupils.count
    }

    /// 34 pupils in each of the first five classes and 33 in the others: 500.
    static func pupils(classes: [ClassRow]) -> [NewPupil] {
        var random = Sequence()
        var families: [Family] = []
        var pupils: [NewPupil] = []
        for (index, schoolClass) in classes.enumerated() {
            for seat in 0..<(index < 5 ? 34 : 33) {
                let family: Family
                if seat % 11 == 4, schoolClass.grade > 1, families.count > 20 {
                    family = families[random.next(families.count - 10)]  // a sibling in another class
                } else {
                    family = Self.family(&random, number: families.count)
                    families.append(family)
                }
                pupils.append(Self.pupil(&random, family: family, in: schoolClass, seat: seat, number: pupils.count + 1))
            }
        }
        return pupils
    }

    static func family(_ random: inout Sequence, number: Int) -> Family {
        let phone = "09\(String(format: "%08d", 12_345_000 + number * 37))"
        if number % 12 == 7 {
            let clan = random.pick(clans)
            let father = PersonName(family: random.pick(clans), middle: random.pick(edeBoys), given: "Y", familyLast: true)
            let mother = PersonName(family: clan, given: "H'" + random.pick(edeGirls), familyLast: true)
            return Family(father: father, mother: mother, phone: phone, childFamily: clan, familyLast: true, ethnicity: "Ê Đê")
        }
        let surname = random.pick(surnames)
        let father = PersonName(family: surname, middle: random.pick(boyMiddles), given: random.pick(boys))
        let mother = PersonName(family: random.pick(surnames), middle: "Thị", given: random.pick(girls))
        return Family(father: father, mother: mother, phone: phone, childFamily: surname, familyLast: false, ethnicity: "Kinh")
    }

    static func pupil(_ random: inout Sequence, family: Family, in schoolClass: ClassRow, seat: Int, number: Int) -> NewPupil {
        let sex: Sex = random.next(2) == 0 ? .male : .female
        let born = 2026 - 5 - schoolClass.grade
        let birthDate = SchoolDate(year: born, month: 1 + random.next(12), day: 1 + random.next(28))!
        let name: PersonName
        if family.familyLast {
            name =
                sex == .male
                ? PersonName(family: family.childFamily, middle: random.pick(edeBoys), given: "Y", familyLast: true)
                : PersonName(family: family.childFamily, given: "H'" + random.pick(edeGirls), familyLast: true)
        } else {
            name = PersonName(
                family: family.childFamily, middle: random.pick(sex == .male ? boyMiddles : girlMiddles),
                given: random.pick(sex == .male ? boys : girls))
        }
        let personalID =
            number % 10 == 9 ? "" : "001" + (sex == .male ? "2" : "3") + String(born % 100) + String(format: "%06d", 100_000 + number)
        let entered = 2026 - schoolClass.grade + 1
        return NewPupil(
            child: NewStudent(
                name: name, birthDate: birthDate, sex: sex, personalID: personalID, ethnicity: family.ethnicity,
                placeOfBirth: family.familyLast ? "Đắk Lắk" : "Hà Nội",
                address: "Số \(1 + random.next(120)) \(random.pick(streets)), phường Hoàn Kiếm, Hà Nội"),
            guardians: [
                NewGuardian(name: family.father, relation: .father, phone: family.phone),
                NewGuardian(name: family.mother, relation: .mother, phone: "08" + family.phone.dropFirst(2)),
            ], classID: ClassID(schoolClass.id!), entryDate: SchoolDate(year: entered, month: 9, day: 5)!,
            route: schoolClass.grade == 1 ? .gradeOneAdmission : .imported,
            registerNumberText: schoolClass.grade == 1 ? "" : "\(number)/\(entered)")
    }
}
