import Admissions
import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

@Suite struct ApplicationTests {
    @Test func aWrongDateOfBirthAndAnUnknownCodeLookTheSame() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let portal = PortalService(database: db, clock: p.fixture.clock.function)
            let unknown = RegistrationCode.random()
            var messages: [String] = []
            for (code, date) in [(p.code.display, "06/03/2021"), (unknown.display, "05/03/2021")] {
                do {
                    _ = try await portal.open(code: code, birthDate: date, address: "2.2.2.2")
                    Issue.record("opened with wrong data")
                } catch {
                    messages.append(String(describing: error))
                }
            }
            #expect(messages == [String(describing: AdmissionsError.noMatch), String(describing: AdmissionsError.noMatch)])
            await #expect(throws: FieldProblems("code", "Mã có vẻ bị gõ nhầm một ký tự. Vui lòng đối chiếu lại với phiếu.")) {
                var typo = Array(p.code.symbols)
                typo.swapAt(0, 1)
                if typo[0] == typo[1] { typo[2] = typo[2] == "2" ? "3" : "2" }
                _ = try await portal.open(code: String(typo), birthDate: "05/03/2021", address: "2.2.2.2")
            }
        }
    }

    @Test func aCodeWaitsAfterFiveWrongDatesAndTheDeskCanUnlockIt() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let portal = PortalService(database: db, clock: p.fixture.clock.function)
            for attempt in 1...5 {
                await #expect(throws: AdmissionsError.noMatch) {
                    _ = try await portal.open(code: p.code.display, birthDate: "0\(attempt)/01/2021", address: "10.0.0.\(attempt)")
                }
            }
            await #expect(throws: RecordsError.self, "right date, but the code waits") {
                _ = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "10.0.1.1")
            }
            let desk = try await p.fixture.caller(try await p.fixture.staff("thuongtruc", "Hoàng Thị Thu", roles: [.onDutyStaff]))
            try await portal.unlock(p.code, by: desk)
            _ = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "10.0.1.1")
        }
    }

    @Test func submittingTwiceGivesOneApplicationAndOneNumber() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let first = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            let again = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            #expect(first.number == "2027-00001")
            #expect(again == first)
            #expect(try await p.applications.versions(of: first.id).isEmpty)
            let count = try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM admission_applications").first(
                decoding: Count.self)
            #expect(count?.n == 1)
        }
    }

    @Test func parallelSubmissionsFromTwoTabsMakeExactlyOneApplication() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let results = try await withThrowingTaskGroup(of: AdmissionApplication.self) { group in
                for _ in 0..<8 { group.addTask { try await p.applications.submit(p.completeForm, for: p.access, by: p.parent) } }
                return try await group.reduce(into: [AdmissionApplication]()) { $0.append($1) }
            }
            #expect(Set(results.map(\.id)).count == 1)
            #expect(Set(results.compactMap(\.number)) == ["2027-00001"])
        }
    }

    @Test func theDatabaseAllowsOneApplicationPerCodePerCampaign() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let application = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            await #expect(throws: (any Error).self) {
                try await (db as! any SQLDatabase).raw(
                    """
                    INSERT INTO admission_applications (id, campaign_id, child_id, code, status, form_json, entered_by, version, created_at, updated_at)
                    VALUES (\(bind: UUID()), \(bind: p.campaign.id.uuid), \(bind: p.access.childID.uuid), \(bind: p.code.symbols), 'draft', '{}', '', 1, 'x', 'x')
                    """
                ).run()
            }
            #expect(application.version == 1)
        }
    }

    @Test func editsBeforeTheCloseKeepEarlierVersionsAndAfterTheCloseAreRefused() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            try await p.applications.saveDraft(ApplicationForm.prefilled(from: p.child), for: p.access, by: p.parent)
            let submitted = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            var edited = p.completeForm
            edited.addressLine = "Số 7 ngõ Hàng Bài"
            let second = try await p.applications.submit(edited, for: p.access, by: p.parent)
            #expect(second.number == submitted.number)
            #expect(second.form.addressLine == "Số 7 ngõ Hàng Bài")
            #expect(try await p.applications.versions(of: second.id).map(\.status) == [.draft, .submitted])
            p.fixture.clock.advance(p.campaign.windows.applyUntil.timeIntervalSince(p.fixture.clock.now))
            await #expect(throws: AdmissionsError.windowClosed, "closed at the minute it closes") {
                try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            }
            #expect(try await p.applications.load(p.access).application?.form.addressLine == "Số 7 ngõ Hàng Bài")
        }
    }

    @Test func beforeTheWindowOpensNothingIsStored() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let early = ApplicationService(database: db, clock: { p.campaign.windows.applyFrom.addingTimeInterval(-60) })
            await #expect(throws: AdmissionsError.windowClosed) { try await early.submit(p.completeForm, for: p.access, by: p.parent) }
            #expect(try await p.applications.load(p.access).application == nil)
        }
    }

    @Test func anIncompleteApplicationNamesEveryMissingField() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            var form = ApplicationForm.prefilled(from: p.child)
            form.childGiven = "Ánh Dương"
            form.mother = GuardianEntry()
            do {
                try await p.applications.submit(form, for: p.access, by: p.parent)
                Issue.record("incomplete application accepted")
            } catch let problems as FieldProblems {
                #expect(
                    Set(problems.byField.keys) == [
                        "correctionReason", "childEthnicity", "childPlaceOfBirth", "motherName", "wardCode", "consent",
                    ])
            }
            #expect(try await p.applications.load(p.access).application == nil)
        }
    }

    @Test func anOnlineSubmissionNeedsTheMandatoryDocuments() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let campaign = try await makeCampaign(fixture)
            let principal = try await fixture.principalCaller()
            let listed = try await ListService(database: db, clock: fixture.clock.function).addChild(
                ChildEntry(
                    name: PersonName(kinhFullName: "Lê Văn Anh"), birthDate: SchoolDate(year: 2021, month: 1, day: 12), gender: .male,
                    parentName: "Lê Văn Cường", parentPhone: "0912345602"), to: campaign.id, kindergarten: nil, by: principal)
            let code = try #require(listed.code)
            let (_, access) = try await PortalService(database: db, clock: fixture.clock.function).open(
                code: code.display, birthDate: "12/01/2021", address: "a")
            var form = ApplicationForm.prefilled(from: listed.entry)
            form.father = GuardianEntry(name: "Lê Văn Cường", phone: "0912345602")
            form.outsideCatchment = true
            form.addressLine = "Số 1 phố Huế"
            form.childEthnicity = "Kinh"
            form.childPlaceOfBirth = "Hà Nội"
            form.consent = true
            let service = ApplicationService(database: db, clock: fixture.clock.function)
            await #expect(throws: FieldProblems("file", "Cần tải lên: Bản sao giấy khai sinh.")) {
                try await service.submit(form, for: access, by: .parent(code: code.display, address: "a"))
            }
            let desk = try await fixture.caller(try await fixture.staff("thuongtruc", "Hoàng Thị Thu", roles: [.onDutyStaff]))
            let atDesk = try await service.submit(form, for: access, by: desk)
            #expect(atDesk.enteredBy == "Hoàng Thị Thu")
        }
    }

    @Test func changingTheRulesUnderSubmittedApplicationsNeedsARecordedDecision() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            let campaigns = CampaignService(database: db, clock: p.fixture.clock.function)
            let principal = try await p.fixture.principalCaller()
            var draft = CampaignDraft(
                schoolYearName: p.campaign.schoolYearName, title: p.campaign.title, birthYear: p.campaign.birthYear,
                classes: 5, windows: p.campaign.windows, catchment: [], approver: p.campaign.approver,
                deskPhone: p.campaign.deskPhone)
            await #expect(throws: FieldProblems.self, "dropping the catchment ward under a submitted application") {
                try await campaigns.update(p.campaign.id, draft, version: p.campaign.version, impactReason: " ", by: principal)
            }
            #expect(try await campaigns.get(p.campaign.id, by: .system()).catchment.count == 1)
            draft.catchment = p.campaign.catchment
            let harmless = try await campaigns.update(p.campaign.id, draft, version: p.campaign.version, impactReason: nil, by: principal)
            #expect(harmless.classes == 5)
            draft.catchment = []
            try await campaigns.update(
                p.campaign.id, draft, version: harmless.version,
                impactReason: "UBND phường điều chỉnh địa bàn theo Quyết định số 12", by: principal)
            let summaries = try await AuditLog(database: db).entries(.init(entity: "campaign"), by: principal).map(\.event.summary)
            #expect(
                summaries.contains(
                    "Quyết định thay đổi điều kiện tuyển sinh khi đã có hồ sơ: UBND phường điều chỉnh địa bàn theo Quyết định số 12"))
        }
    }

    @Test func aReissuedCodeKeepsTheApplicationItsDocumentsAndItsThread() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let submitted = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            try await DeskService(database: db, clock: p.fixture.clock.function).post("Khi nào có kết quả?", on: p.access, by: p.parent)
            let fresh = try await CodeService(database: db, clock: p.fixture.clock.function)
                .reissue(p.code, reason: "Phụ huynh làm mất phiếu", by: p.fixture.principalCaller())
            let (_, access) = try await PortalService(database: db, clock: p.fixture.clock.function)
                .open(code: fresh.display, birthDate: "05/03/2021", address: "3.3.3.3")
            let moved = try #require(try await p.applications.load(access).application)
            #expect(moved.id == submitted.id)
            #expect(moved.number == submitted.number)
            #expect(try await p.documents.list(for: access).count == 1)
            #expect(try await DeskService(database: db).messages(for: access).map(\.body) == ["Khi nào có kết quả?"])
            await #expect(throws: AdmissionsError.noMatch, "the old code is gone") {
                _ = try await PortalService(database: db, clock: p.fixture.clock.function).open(
                    code: p.code.display, birthDate: "05/03/2021", address: "4.4.4.4")
            }
            #expect(
                try await p.applications.submit(p.completeForm, for: access, by: .parent(code: fresh.display, address: "x")).id
                    == submitted.id)
        }
    }

    @Test func wipingATrialLeavesRealCampaignsUntouched() async throws {
        try await TestDatabase.withFresh { db in
            let real = try await PortalFixture.make(db)
            try await real.applications.submit(real.completeForm, for: real.access, by: real.parent)
            let trial = try await makeCampaign(real.fixture, trial: true, title: "Chạy thử")
            let principal = try await real.fixture.principalCaller()
            let lists = ListService(database: db, clock: real.fixture.clock.function)
            let kg = try await lists.addKindergarten(to: trial.id, name: "Mầm non thử", address: "", contact: "", by: principal)
            let listed = try await lists.addChild(
                ChildEntry(
                    name: PersonName(kinhFullName: "Lê Văn Anh"), birthDate: SchoolDate(year: 2021, month: 1, day: 1),
                    gender: .male), to: trial.id, kindergarten: kg.id, by: principal)
            try await HandoverService(database: db, clock: real.fixture.clock.function).record(
                kindergarten: kg.id, handedBy: "A", receivedBy: "B", by: principal)
            let (_, trialAccess) = try await PortalService(database: db, clock: real.fixture.clock.function)
                .open(code: try #require(listed.code).display, birthDate: "01/01/2021", address: "5.5.5.5")
            let store = FileStore(
                directory: FileManager.default.temporaryDirectory.appendingPathComponent("hoso-trial-\(UUID().uuidString)"))
            try await DocumentService(database: db, store: store, clock: real.fixture.clock.function)
                .upload(SampleUploads.birthCertificatePDF, filename: "ks.pdf", kind: "KS", for: trialAccess, by: real.parent)
            try await DeskService(database: db, clock: real.fixture.clock.function).post("Xin hỏi", on: trialAccess, by: real.parent)
            let campaigns = CampaignService(database: db, clock: real.fixture.clock.function)
            await #expect(throws: RecordsError.forbidden) { try await campaigns.wipeTrial(real.campaign.id, by: principal) }
            #expect(try await campaigns.wipeTrial(trial.id, store: store, by: principal) == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.path).isEmpty)
            #expect(try await lists.children(of: trial.id, by: principal).isEmpty)
            #expect(try await lists.children(of: real.campaign.id, by: principal).count == 1)
            #expect(try await real.applications.load(real.access).application?.status == .submitted)
            #expect(try await AuditLog(database: db).verify() != .intact(entries: 0))
        }
    }
}

struct Count: Decodable { let n: Int }
