import FluentKit
import Foundation
import Records

/// What a manager types to set up a campaign.
public struct CampaignDraft: Sendable, Equatable {
    public var schoolYearName: String
    public var title: String
    public var birthYear: Int?
    public var classes: Int?
    public var placesPerClass: Int?
    public var windows: CampaignWindows
    public var requiredDocuments: [RequiredDocument]
    public var priorityGroups: [PriorityGroup]
    public var catchment: [CatchmentUnit]
    public var approver: String
    public var deskPhone: String
    /// What a family that confirmed brings and when; empty for the default wording.
    public var enrolmentNote: String
    public var isTrial: Bool

    public init(
        schoolYearName: String, title: String, birthYear: Int?, classes: Int?, placesPerClass: Int? = 35,
        windows: CampaignWindows, requiredDocuments: [RequiredDocument] = CampaignDefaults.documents,
        priorityGroups: [PriorityGroup] = CampaignDefaults.priorityGroups, catchment: [CatchmentUnit] = [],
        approver: String = "", deskPhone: String = "", enrolmentNote: String = "", isTrial: Bool = false
    ) {
        self.schoolYearName = schoolYearName
        self.title = title
        self.birthYear = birthYear
        self.classes = classes
        self.placesPerClass = placesPerClass
        self.windows = windows
        self.requiredDocuments = requiredDocuments
        self.priorityGroups = priorityGroups
        self.catchment = catchment
        self.approver = approver
        self.deskPhone = deskPhone
        self.enrolmentNote = enrolmentNote
        self.isTrial = isTrial
    }
}

/// Sensible starting values a school edits (Hanoi practice: birth certificate, residence, priority evidence).
public enum CampaignDefaults {
    public static let documents = [
        RequiredDocument(code: "KS", name: "Bản sao giấy khai sinh", mandatory: true),
        RequiredDocument(code: "CT", name: "Giấy tờ chứng minh nơi cư trú", mandatory: false),
        RequiredDocument(code: "UT", name: "Giấy xác nhận chế độ ưu tiên (nếu có)", mandatory: false),
    ]
    public static let priorityGroups = [
        PriorityGroup(code: "DT1", name: "Trẻ cư trú trong địa bàn tuyển sinh của trường", guaranteed: true),
        PriorityGroup(code: "DT2", name: "Trẻ có anh, chị, em ruột đang học tại trường", guaranteed: false),
        PriorityGroup(code: "DT3", name: "Trẻ cư trú ngoài địa bàn", guaranteed: false),
    ]
}

/// Campaigns: set up, read, change (audited), and wipe trial data.
public struct CampaignService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    let cache: CampaignCache

    /// The service over `database`; `cache` keeps the campaigns between requests (none kept by default) and is
    /// dropped by every change made here.
    public init(
        database: any Database, clock: @escaping @Sendable () -> Date = Date.init, cache: CampaignCache = CampaignCache(maxAge: 0)
    ) {
        self.database = database
        self.clock = clock
        self.cache = cache
    }

    /// Throws unless the caller may set campaigns up (the empty form is shown only to them).
    public func authorizeManaging(by caller: Caller) throws {
        try caller.require(.manageAdmissions)
    }

    /// The staff whose work reads campaigns: the council, the desk, the clerk and whoever may view admissions.
    public static let readers: [Permission] = [.viewAdmissions, .manageAdmissions, .admissionLists, .admissionDesk, .reviewApplications]

    /// Every campaign, newest first; requires ``Permission/viewAdmissions``.
    public func list(by caller: Caller) async throws -> [Campaign] {
        try caller.require(.viewAdmissions)
        return try await all()
    }

    /// One campaign; requires one of ``readers``.
    public func get(_ id: CampaignID, by caller: Caller) async throws -> Campaign {
        try caller.requireAny(Self.readers)
        return try await find(id)
    }

    /// The campaign the portal shows everyone now: the newest that is not trial, else the newest. Its title, windows
    /// and places are published to every family, so reading it needs no caller.
    public func current() async throws -> Campaign? {
        let all = try await all()
        return all.first { !$0.isTrial } ?? all.first
    }

    private func all() async throws -> [Campaign] { try await cache.all(on: database) }

    /// The campaign behind a check made elsewhere (a portal access, a conversion the clerk may make).
    func find(_ id: CampaignID) async throws -> Campaign {
        guard let campaign = try await cache.campaign(id, on: database) else { throw RecordsError.notFound }
        return campaign
    }

    /// Creates a campaign; requires ``Permission/manageAdmissions``.
    @discardableResult
    public func create(_ draft: CampaignDraft, by caller: Caller) async throws -> Campaign {
        try caller.require(.manageAdmissions)
        let clean = try Self.validate(draft)
        let now = clock()
        defer { cache.invalidate() }
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let row = CampaignRow()
            row.id = UUID()
            row.version = 1
            row.createdAt = Timestamps.storage(now)
            Self.apply(clean, to: row)
            try await row.create(on: db)
            let value = row.value()
            return (
                value,
                [
                    AuditEvent(
                        action: "campaign.create", entity: "campaign", entityID: row.id!.uuidString,
                        summary: "Tạo đợt tuyển sinh \(value.title)\(value.isTrial ? " (chạy thử)" : "")",
                        before: Campaign?.none, after: value)
                ]
            )
        }
    }

    /// Changes a campaign. Changing the birth year or removing catchment units once applications exist would
    /// invalidate them, so it needs `impactReason`: an explicit, audited decision.
    @discardableResult
    public func update(_ id: CampaignID, _ draft: CampaignDraft, version: Int, impactReason: String?, by caller: Caller) async throws
        -> Campaign
    {
        try caller.require(.manageAdmissions)
        let clean = try Self.validate(draft)
        defer { cache.invalidate() }
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await CampaignRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            guard row.version == version else { throw RecordsError.staleEdit }
            let before = row.value()
            let impact = Self.impact(of: clean, on: before)
            let reason = VietnameseText.clean(impactReason ?? "")
            var events: [AuditEvent] = []
            if clean.isTrial && !before.isTrial, try await ApplicationCounts.any(in: id, on: db) {
                throw FieldProblems("isTrial", "Đợt tuyển sinh đã có hồ sơ thật nên không thể chuyển sang chạy thử.")
            }
            if !impact.isEmpty, try await ApplicationCounts.submitted(in: id, on: db) > 0 {
                guard !reason.isEmpty else {
                    throw FieldProblems(
                        "impactReason",
                        "Đã có hồ sơ nộp theo điều kiện cũ. Thay đổi này (\(impact.joined(separator: ", "))) cần ghi rõ lý do quyết định.")
                }
                events.append(
                    AuditEvent(
                        action: "campaign.impactfulChange", entity: "campaign", entityID: id.description,
                        summary: "Quyết định thay đổi điều kiện tuyển sinh khi đã có hồ sơ: \(reason)",
                        before: String?.none, after: impact.joined(separator: "; ")))
            }
            Self.apply(clean, to: row)
            row.version += 1
            try await row.update(on: db)
            let after = row.value()
            events.insert(
                AuditEvent(
                    action: "campaign.update", entity: "campaign", entityID: id.description,
                    summary: "Sửa đợt tuyển sinh \(after.title)", before: before, after: after), at: 0)
            return (after, events)
        }
    }

    /// What in a change could invalidate applications already submitted under the old rules.
    static func impact(of draft: CampaignDraft, on before: Campaign) -> [String] {
        var changes: [String] = []
        if draft.birthYear != before.birthYear { changes.append("năm sinh") }
        if draft.schoolYearName != before.schoolYearName { changes.append("năm học") }
        var after = before
        after.catchment = draft.catchment
        if !Set(before.catchmentUnits.map(\.key)).subtracting(after.catchmentUnits.map(\.key)).isEmpty { changes.append("bỏ bớt địa bàn") }
        if !Set(before.priorityGroups.map(\.code)).subtracting(draft.priorityGroups.map(\.code)).isEmpty {
            changes.append("bỏ nhóm đối tượng")
        }
        let mandatoryBefore = Set(before.requiredDocuments.filter(\.mandatory).map(\.code))
        if !Set(draft.requiredDocuments.filter(\.mandatory).map(\.code)).subtracting(mandatoryBefore).isEmpty {
            changes.append("thêm giấy tờ bắt buộc")
        }
        if draft.windows.applyUntil < before.windows.applyUntil { changes.append("đóng đăng ký sớm hơn") }
        let places = (draft.classes ?? before.classes) * (draft.placesPerClass ?? before.placesPerClass)
        if places < before.places { changes.append("giảm chỉ tiêu từ \(before.places) xuống \(places)") }
        return changes
    }

    static func validate(_ draft: CampaignDraft) throws -> CampaignDraft {
        var clean = draft
        clean.title = VietnameseText.clean(draft.title)
        clean.schoolYearName = VietnameseText.clean(draft.schoolYearName)
        clean.approver = VietnameseText.clean(draft.approver)
        clean.deskPhone = VietnameseText.clean(draft.deskPhone)
        clean.enrolmentNote = VietnameseText.clean(draft.enrolmentNote)
        var problems = FieldProblems()
        if clean.title.isEmpty { problems.add("title", "Vui lòng nhập tên đợt tuyển sinh.") }
        let years = clean.schoolYearName.split(separator: "-").compactMap { Int($0) }
        if years.count != 2 || years[1] != years[0] + 1 { problems.add("schoolYearName", "Năm học viết dạng 2027-2028.") }
        if let birthYear = clean.birthYear, years.count == 2, birthYear != years[0] - 6 {
            problems.add("birthYear", "Trẻ vào lớp 1 năm học \(clean.schoolYearName) sinh năm \(years[0] - 6).")
        } else if clean.birthYear == nil {
            problems.add("birthYear", "Vui lòng nhập năm sinh của trẻ đúng độ tuổi.")
        }
        if let classes = clean.classes, (1...60).contains(classes) {} else { problems.add("classes", "Số lớp là một số từ 1 đến 60.") }
        if let per = clean.placesPerClass, (1...35).contains(per) {
        } else {
            problems.add("placesPerClass", "Mỗi lớp tối đa 35 học sinh.")
        }
        for problem in clean.windows.problems().list { problems.add(problem.field, problem.message) }
        if clean.priorityGroups.isEmpty { problems.add("priorityGroups", "Cần ít nhất một nhóm đối tượng.") }
        let groupCodes = clean.priorityGroups.map(\.code)
        if groupCodes.contains(where: \.isEmpty) || Set(groupCodes).count != groupCodes.count {
            problems.add("priorityGroups", "Mỗi nhóm đối tượng cần một mã riêng, không trùng nhau.")
        }
        let documentCodes = clean.requiredDocuments.map(\.code)
        if documentCodes.contains(where: \.isEmpty) || Set(documentCodes).count != documentCodes.count {
            problems.add("documents", "Mỗi loại giấy tờ cần một mã riêng, không trùng nhau.")
        }
        if !clean.deskPhone.isEmpty && !Contact.isPhone(clean.deskPhone) {
            problems.add("deskPhone", "Số điện thoại gồm 8–15 chữ số.")
        }
        if clean.enrolmentNote.count > 1_000 { problems.add("enrolmentNote", "Tối đa 1.000 ký tự.") }
        try problems.throwIfAny()
        return clean
    }

    static func apply(_ draft: CampaignDraft, to row: CampaignRow) {
        row.schoolYearName = draft.schoolYearName
        row.title = draft.title
        row.birthYear = draft.birthYear ?? 0
        row.classes = draft.classes ?? 1
        row.placesPerClass = draft.placesPerClass ?? 35
        row.codesFrom = draft.windows.codesFrom.timeIntervalSince1970
        row.applyFrom = draft.windows.applyFrom.timeIntervalSince1970
        row.applyUntil = draft.windows.applyUntil.timeIntervalSince1970
        row.reviewUntil = draft.windows.reviewUntil.timeIntervalSince1970
        row.resultsAt = draft.windows.resultsAt.timeIntervalSince1970
        row.confirmBy = draft.windows.confirmBy.timeIntervalSince1970
        row.requiredDocumentsJSON = JSONText.encode(draft.requiredDocuments)
        row.priorityGroupsJSON = JSONText.encode(draft.priorityGroups)
        row.catchmentJSON = JSONText.encode(draft.catchment)
        row.approver = draft.approver
        row.deskPhone = draft.deskPhone
        row.enrolmentNote = draft.enrolmentNote
        row.isTrial = draft.isTrial
    }

}

/// Counts of applications, used before changes that could invalidate them.
enum ApplicationCounts {
    /// Whether a campaign has any application, draft or submitted.
    static func any(in campaign: CampaignID, on db: any Database) async throws -> Bool {
        try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign.uuid).first() != nil
    }

    /// Applications of a campaign that have been submitted (drafts do not count).
    static func submitted(in campaign: CampaignID, on db: any Database) async throws -> Int {
        try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign.uuid)
            .filter(\.$status != ApplicationStatus.draft.rawValue).count()
    }
}

/// JSON text columns: sorted keys, so the same value is always the same text.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }

    static func decode<T: Decodable>(_ text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
