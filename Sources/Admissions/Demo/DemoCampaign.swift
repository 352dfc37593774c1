import FluentKit
import Foundation
import Records

/// The demo admissions campaign: 2027‑2028 (children born 2021), open now, two kindergartens' lists with codes.
/// Codes come from a fixed seed so the README can name one to try; real codes always come from the system's
/// cryptographic source.
public struct DemoCampaign: Sendable {
    /// A child a newcomer can apply for: the code and the date of birth to type.
    public struct Sample: Sendable {
        public let name: String
        public let code: RegistrationCode
        public let birthDate: SchoolDate
    }

    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    struct Child {
        let name: PersonName
        let born: (Int, Int)
        let gender: Sex
        let parent: String
        let phone: String
    }

    static let lists: [(String, [Child])] = [
        (
            "Trường Mầm non Hoa Sen",
            [
                Child(
                    name: PersonName(kinhFullName: "Nguyễn Thị Ánh"), born: (5, 3), gender: .female, parent: "Trần Thị Bích",
                    phone: "0912345601"),
                Child(
                    name: PersonName(kinhFullName: "Lê Văn Anh"), born: (12, 1), gender: .male, parent: "Lê Văn Cường", phone: "0912345602"),
                Child(
                    name: PersonName(kinhFullName: "Trần Đức Bảo"), born: (20, 7), gender: .male, parent: "Phạm Thị Dung",
                    phone: "0912345603"),
                Child(
                    name: PersonName(kinhFullName: "Phạm Ngọc Ân"), born: (2, 9), gender: .female, parent: "Phạm Văn Em",
                    phone: "0912345604"),
                Child(
                    name: PersonName(family: "Niê", given: "H'Hen", familyLast: true), born: (14, 2), gender: .female, parent: "H'Lan Niê",
                    phone: "0912345605"),
                Child(
                    name: PersonName(kinhFullName: "Vũ Minh Khang"), born: (30, 11), gender: .male, parent: "Vũ Thị Hạnh",
                    phone: "0912345606"),
            ]
        ),
        (
            "Trường Mầm non Tuổi Thơ",
            [
                Child(
                    name: PersonName(family: "Êban", middle: "Kŏ", given: "Y", familyLast: true), born: (8, 8), gender: .male,
                    parent: "H'Mai Êban", phone: "0912345607"),
                Child(
                    name: PersonName(kinhFullName: "Đỗ Minh Châu"), born: (17, 4), gender: .female, parent: "Đỗ Văn Giang",
                    phone: "0912345608"),
                Child(
                    name: PersonName(kinhFullName: "Hoàng Gia Huy"), born: (25, 12), gender: .male, parent: "Hoàng Thị Liên",
                    phone: "0912345609"),
                Child(
                    name: PersonName(kinhFullName: "Bùi Thảo My"), born: (9, 6), gender: .female, parent: "Bùi Văn Nam", phone: "0912345610"
                ),
                Child(
                    name: PersonName(kinhFullName: "Đặng Quốc Bảo"), born: (1, 1), gender: .male, parent: "Đặng Thị Oanh",
                    phone: "0912345611"),
                Child(
                    name: PersonName(kinhFullName: "Ngô Phương Linh"), born: (19, 10), gender: .female, parent: "Ngô Văn Phúc",
                    phone: "0912345612"),
            ]
        ),
    ]

    /// A small deterministic generator (SplitMix64) for the demo's codes only.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The children with their codes, as seeded.
    public static var samples: [Sample] {
        var generator = SeededGenerator(state: 2027)
        return lists.flatMap(\.1).map { child in
            Sample(
                name: child.name.full, code: RegistrationCode.random(using: &generator),
                birthDate: SchoolDate(year: 2021, month: child.born.1, day: child.born.0)!)
        }
    }

    /// Creates the campaign when the school has none; returns the samples either way.
    @discardableResult
    public func seed() async throws -> [Sample] {
        let samples = Self.samples
        if try await CampaignRow.query(on: database).first() != nil { return samples }
        let now = clock()
        let today = SchoolDate(now).startOfDay
        let windows = CampaignWindows(
            codesFrom: today.addingTimeInterval(-30 * 86_400), applyFrom: today.addingTimeInterval(-86_400),
            applyUntil: today.addingTimeInterval(90 * 86_400), reviewUntil: today.addingTimeInterval(100 * 86_400),
            resultsAt: today.addingTimeInterval(105 * 86_400), confirmBy: today.addingTimeInterval(115 * 86_400))
        let draft = CampaignDraft(
            schoolYearName: "2027-2028", title: "Tuyển sinh lớp 1 năm học 2027-2028", birthYear: 2021, classes: 4, windows: windows,
            catchment: [
                CatchmentUnit(wardCode: "00070", wardName: "Phường Hoàn Kiếm", hamlets: ["Tổ 1", "Tổ 2", "Tổ 3", "Tổ 4", "Tổ 5"]),
                CatchmentUnit(wardCode: "00073", wardName: "Phường Cửa Nam", hamlets: ["Tổ 1", "Tổ 2", "Tổ 3"]),
            ],
            approver: "UBND phường Hoàn Kiếm", deskPhone: "024 3825 1234")
        let clean = try CampaignService.validate(draft)
        try await AuditedWrite(database: database, clock: clock).run(by: .system("Dữ liệu mẫu")) { db in
            let campaign = CampaignRow()
            campaign.id = UUID()
            campaign.version = 1
            campaign.createdAt = Timestamps.storage(now)
            CampaignService.apply(clean, to: campaign)
            try await campaign.create(on: db)
            var index = 0
            for (name, children) in Self.lists {
                let kg = KindergartenRow()
                kg.id = UUID()
                kg.campaignID = campaign.id!
                kg.name = name
                kg.address = ""
                kg.contact = ""
                try await kg.create(on: db)
                for child in children {
                    let sample = samples[index]
                    index += 1
                    let entry = ChildEntry(
                        name: child.name, birthDate: sample.birthDate, gender: child.gender,
                        parentName: child.parent, parentPhone: child.phone, address: "Phường Hoàn Kiếm, Hà Nội")
                    _ = try await ListService.insert(
                        entry, campaign: campaign, kindergarten: kg.id, source: "list", at: now,
                        code: sample.code, on: db)
                }
            }
            return (
                (),
                [
                    AuditEvent(
                        action: "campaign.demo", entity: "campaign", entityID: campaign.id!.uuidString,
                        summary: "Tạo đợt tuyển sinh mẫu 2027-2028 với 2 danh sách mầm non và \(index) mã")
                ]
            )
        }
        return samples
    }
}
