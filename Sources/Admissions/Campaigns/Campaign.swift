import Foundation
import Records

/// An ordered priority group of a campaign (đối tượng ưu tiên).
public struct PriorityGroup: Sendable, Equatable, Codable {
    /// Short code, such as `DT1`.
    public var code: String
    /// Vietnamese description shown to parents and the council.
    public var name: String
    /// Guaranteed groups are all admitted (children living in the catchment of a public school, TT28 Art. 35);
    /// other groups share the remaining places in order, then by the public lottery.
    public var guaranteed: Bool

    public init(code: String, name: String, guaranteed: Bool) {
        self.code = code
        self.name = name
        self.guaranteed = guaranteed
    }
}

/// A document the application must or may carry.
public struct RequiredDocument: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var mandatory: Bool

    public init(code: String, name: String, mandatory: Bool) {
        self.code = code
        self.name = name
        self.mandatory = mandatory
    }
}

/// A ward or commune of the catchment (tuyến tuyển sinh) and the tổ dân phố/thôn inside it that belong to it.
public struct CatchmentUnit: Sendable, Equatable, Codable {
    public var wardCode: String
    public var wardName: String
    /// Tổ dân phố / thôn; empty means the whole ward.
    public var hamlets: [String]

    public init(wardCode: String, wardName: String, hamlets: [String]) {
        self.wardCode = wardCode
        self.wardName = wardName
        self.hamlets = hamlets
    }
}

/// The minutes that open and close each phase, in order.
public struct CampaignWindows: Sendable, Equatable, Codable {
    /// From when codes are handed out.
    public var codesFrom: Date
    /// Online applications open (inclusive).
    public var applyFrom: Date
    /// Online applications close (exclusive): at this minute the portal stops accepting.
    public var applyUntil: Date
    /// The council's review ends.
    public var reviewUntil: Date
    /// Results are published.
    public var resultsAt: Date
    /// Admitted parents confirm before this.
    public var confirmBy: Date

    public init(codesFrom: Date, applyFrom: Date, applyUntil: Date, reviewUntil: Date, resultsAt: Date, confirmBy: Date) {
        self.codesFrom = codesFrom
        self.applyFrom = applyFrom
        self.applyUntil = applyUntil
        self.reviewUntil = reviewUntil
        self.resultsAt = resultsAt
        self.confirmBy = confirmBy
    }

    /// Whether parents may apply or edit at `now`: from `applyFrom` up to, not including, `applyUntil`.
    public func isApplicationOpen(at now: Date) -> Bool { now >= applyFrom && now < applyUntil }

    /// Problems with the order of the windows.
    public func problems() -> FieldProblems {
        var problems = FieldProblems()
        let order: [(String, Date, String)] = [
            ("applyFrom", applyFrom, "Thời điểm mở đăng ký phải sau thời điểm phát mã."),
            ("applyUntil", applyUntil, "Thời điểm đóng đăng ký phải sau thời điểm mở."),
            ("reviewUntil", reviewUntil, "Hạn xét duyệt phải sau thời điểm đóng đăng ký."),
            ("resultsAt", resultsAt, "Ngày công bố kết quả phải sau hạn xét duyệt."),
            ("confirmBy", confirmBy, "Hạn xác nhận nhập học phải sau ngày công bố kết quả."),
        ]
        var previous = codesFrom
        for (field, date, message) in order {
            if date <= previous { problems.add(field, message) }
            previous = max(previous, date)
        }
        return problems
    }
}

/// Đợt tuyển sinh lớp 1: one per school year, with its own rules (data, not code).
public struct Campaign: Sendable, Equatable, Codable {
    public let id: CampaignID
    /// The school year pupils start, such as "2027-2028".
    public var schoolYearName: String
    public var title: String
    /// Children born in this year are of age (6 in the calendar year the school year starts).
    public var birthYear: Int
    public var classes: Int
    public var placesPerClass: Int
    public var windows: CampaignWindows
    public var requiredDocuments: [RequiredDocument]
    public var priorityGroups: [PriorityGroup]
    public var catchment: [CatchmentUnit]
    /// Who approves the plan and results (after the 2025 reform, a ward/commune People's Committee): free text.
    public var approver: String
    /// The desk's phone number, printed on slips and shown when a parent is stuck.
    public var deskPhone: String
    /// What a family that confirmed its place brings to the school, and when (the school's words); empty for
    /// ``defaultEnrolmentNote``.
    public var enrolmentNote: String
    /// Trial data can be wiped in one step before the real window.
    public var isTrial: Bool
    public var version: Int

    /// What a family that confirmed reads when the school has not written its own note: the documents to bring as
    /// originals, and that the school says when.
    public static func defaultEnrolmentNote(_ campaign: Campaign) -> String {
        let documents = campaign.requiredDocuments.map { $0.name.lowercased() }
        let bring = documents.isEmpty ? "giấy khai sinh" : documents.joined(separator: ", ")
        return "Khi nhập học, mang bản chính \(bring) đến văn phòng nhà trường để đối chiếu. "
            + "Nhà trường sẽ báo ngày tựu trường qua tin nhắn và trên trang này."
    }

    /// Places in all: classes × places per class.
    public var places: Int { classes * placesPerClass }

    /// Every residence unit of the catchment as `(key, label)`: `wardCode|hamlet` (hamlet empty for a whole ward)
    /// and "Tổ 1, Phường Hoàn Kiếm". The same keys are ``ApplicationForm/unitKey``.
    public var catchmentUnits: [(key: String, label: String)] {
        catchment.flatMap { unit in
            (unit.hamlets.isEmpty ? [""] : unit.hamlets).map { hamlet in
                ("\(unit.wardCode)|\(hamlet)", hamlet.isEmpty ? unit.wardName : "\(hamlet), \(unit.wardName)")
            }
        }
    }
}

/// Whether a child may apply, given the campaign's birth year.
public enum Eligibility: Sendable, Equatable {
    /// Six in the calendar year the school year starts.
    case ofAge
    /// Older by up to three years: allowed only with a stated reason (TT28 Art. 33).
    case olderNeedsReason(years: Int)
    /// Younger than six that year: never (no under‑age entry).
    case underAge
    /// More than three years older: needs a decision outside the school.
    case tooOld

    /// Eligibility of a child born in `birthYear` for a campaign of `campaignBirthYear`.
    public static func of(birthYear: Int, campaignBirthYear: Int) -> Eligibility {
        switch campaignBirthYear - birthYear {
        case 0: .ofAge
        case 1...3: .olderNeedsReason(years: campaignBirthYear - birthYear)
        case ..<0: .underAge
        default: .tooOld
        }
    }
}
