import Admissions
import FluentKit
import Foundation
import Records

/// A fixture step that could not be completed.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A 2027‑2028 campaign (children born 2021) whose application window is open at the fixture clock's time.
public func makeCampaign(_ fixture: Fixture, trial: Bool = false, title: String = "Tuyển sinh lớp 1 năm học 2027-2028") async throws
    -> Campaign
{
    let now = fixture.clock.now
    let windows = CampaignWindows(
        codesFrom: now.addingTimeInterval(-86_400 * 10), applyFrom: now.addingTimeInterval(-3600),
        applyUntil: now.addingTimeInterval(86_400 * 3), reviewUntil: now.addingTimeInterval(86_400 * 10),
        resultsAt: now.addingTimeInterval(86_400 * 12), confirmBy: now.addingTimeInterval(86_400 * 20))
    return try await CampaignService(database: fixture.db, clock: fixture.clock.function).create(
        CampaignDraft(
            schoolYearName: "2027-2028", title: title, birthYear: 2021, classes: 4, windows: windows,
            approver: "UBND phường Hoàn Kiếm", deskPhone: "024 3825 1234", isTrial: trial),
        by: fixture.principalCaller())
}

/// A campaign with one listed child, opened in the portal.
public struct PortalFixture: Sendable {
    public let fixture: Fixture
    public let campaign: Campaign
    public let code: RegistrationCode
    public let access: PortalAccess
    public let child: ChildEntry

    public static func make(_ db: any Database, trial: Bool = false) async throws -> PortalFixture {
        let fixture = try await Fixture.make(on: db)
        var campaign = try await makeCampaign(fixture, trial: trial)
        let principal = try await fixture.principalCaller()
        let draft = CampaignDraft(
            schoolYearName: campaign.schoolYearName, title: campaign.title, birthYear: campaign.birthYear,
            classes: campaign.classes, windows: campaign.windows,
            catchment: [CatchmentUnit(wardCode: "00070", wardName: "Phường Hoàn Kiếm", hamlets: ["Tổ 1", "Tổ 2"])],
            approver: campaign.approver, deskPhone: campaign.deskPhone, isTrial: trial)
        campaign = try await CampaignService(database: db, clock: fixture.clock.function).update(
            campaign.id, draft, version: campaign.version,
            impactReason: nil, by: principal)
        let child = ChildEntry(
            name: PersonName(kinhFullName: "Nguyễn Thị Ánh"), birthDate: SchoolDate(year: 2021, month: 3, day: 5),
            gender: .female, parentName: "Trần Thị Bích", parentPhone: "0912345678")
        let listed = try await ListService(database: db, clock: fixture.clock.function)
            .addChild(child, to: campaign.id, kindergarten: nil, by: principal)
        guard let code = listed.code else { throw FixtureError("the listed child got no code") }
        let (_, access) = try await PortalService(database: db, clock: fixture.clock.function)
            .open(code: code.display, birthDate: "05/03/2021", address: "1.1.1.1")
        let fixtureValue = PortalFixture(fixture: fixture, campaign: campaign, code: code, access: access, child: child)
        try await fixtureValue.documents.upload(
            SampleUploads.birthCertificatePDF, filename: "khai-sinh.pdf", kind: "KS", for: access,
            by: fixtureValue.parent)
        return fixtureValue
    }

    public var documents: DocumentService {
        DocumentService(
            database: fixture.db,
            store: FileStore(
                directory: FileManager.default.temporaryDirectory
                    .appendingPathComponent("hoso-test-uploads-\(code.symbols)")), clock: fixture.clock.function)
    }

    public var applications: ApplicationService { ApplicationService(database: fixture.db, clock: fixture.clock.function) }
    public var parent: Caller { .parent(code: code.display, address: "1.1.1.1") }

    public var completeForm: ApplicationForm {
        var form = ApplicationForm.prefilled(from: child)
        form.mother = GuardianEntry(name: "Trần Thị Bích", phone: "0912345678")
        form.wardCode = "00070"
        form.hamlet = "Tổ 1"
        form.addressLine = "Số 5 ngõ Hàng Bài"
        form.priorityCodes = ["DT1"]
        form.childEthnicity = "Kinh"
        form.childPlaceOfBirth = "Hà Nội"
        form.consent = true
        return form
    }
}

/// A complete form for the listed `child`, living outside the catchment; `index` makes the mother's name, phone and
/// address its own.
public func completeForm(for child: ChildEntry, index: Int) -> ApplicationForm {
    var form = ApplicationForm.prefilled(from: child)
    form.mother = GuardianEntry(name: "Mẹ \(index)", phone: "09123456\(String(format: "%02d", index % 100))")
    form.outsideCatchment = true
    form.addressLine = "Số \(index)"
    form.childEthnicity = "Kinh"
    form.childPlaceOfBirth = "Hà Nội"
    form.consent = true
    return form
}

/// A campaign with `count` verified applications (group DT3 unless told), ready to draw.
public func verifiedApplicants(_ p: PortalFixture, count: Int, groups: [String?] = []) async throws -> [AdmissionApplication] {
    let principal = try await p.fixture.principalCaller()
    let lists = ListService(database: p.fixture.db, clock: p.fixture.clock.function)
    let review = ReviewService(database: p.fixture.db, clock: p.fixture.clock.function)
    var result: [AdmissionApplication] = []
    for index in 0..<count {
        let child = try await lists.addChild(
            ChildEntry(
                name: PersonName(kinhFullName: "Trẻ Số \(index)"),
                birthDate: SchoolDate(year: 2021, month: 1 + index % 12, day: 1 + index % 28),
                gender: index % 2 == 0 ? .male : .female), to: p.campaign.id, kindergarten: nil, by: principal)
        guard let code = child.code else { throw FixtureError("the listed child got no code") }
        let access = try await DeskService(database: p.fixture.db).access(code, by: principal)
        let submitted = try await ApplicationService(database: p.fixture.db, clock: p.fixture.clock.function).submit(
            completeForm(for: child.entry, index: index), for: access, by: principal)
        let group = index < groups.count ? groups[index] : "DT3"
        result.append(
            try await review.decide(
                submitted.id, checklist: [], decision: .verified(group: group), version: submitted.version, by: principal))
    }
    return result
}
