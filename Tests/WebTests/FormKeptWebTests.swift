import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// Nothing a parent typed is lost: the application form is one form, so an upload carries what was typed and keeps it
/// as the draft; a refused submission is kept as the draft too; a photo over 5 MB or a HEIC photo is refused beside the
/// file field with the form as typed.
@Suite struct FormKeptWebTests {
    /// What a mother typed before choosing the birth certificate: no residence kind yet, so it cannot be submitted.
    static let typed: [(String, String)] = [
        ("childFamily", "Nguyễn"), ("childMiddle", "Thị"), ("childGiven", "Ánh"), ("childBirthDate", "01/01/2021"),
        ("childGender", "female"), ("motherName", "Trần Thị Bích"), ("motherPhone", "0912345601"),
        ("fatherName", "Nguyễn Văn Cường"), ("residenceUnit", "00070|Tổ 1"), ("addressLine", "Số 5 phố Hàng Bài"),
        ("kind", "KS"),
    ]

    static func opened(_ app: Application, _ sample: DemoCampaign.Sample) async throws -> TestBrowser {
        let parent = TestBrowser(app)
        let opened = try await parent.post(Site.portal(), [("code", sample.code.display), ("birthDate", sample.birthDate.display)])
        #expect(opened.status == .seeOther)
        return parent
    }

    static func storedForm(_ app: Application, _ parent: TestBrowser) async throws -> ApplicationForm? {
        try await app.domain.applications.load(try await parent.portalAccess(app)).application?.form
    }

    @Test func anUploadKeepsEverythingTypedAsTheDraft() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await Self.opened(app, samples[0])
            let uploaded = try await parent.upload(
                Site.portalApplication(), Self.typed + [("action", "upload")],
                file: ("file", "khai-sinh.pdf", SampleUploads.birthCertificatePDF))
            #expect(uploaded.status == .seeOther)
            let form = try await parent.get(Site.portalApplication())
            #expect(form.body.contains("Đã tải lên"))
            #expect(form.body.contains("khai-sinh.pdf"))
            for value in ["Trần Thị Bích", "0912345601", "Nguyễn Văn Cường", "Số 5 phố Hàng Bài"] {
                #expect(form.body.contains(value), "“\(value)” is still on the form after the upload")
            }
            #expect(form.body.contains(#"value="00070|Tổ 1" selected"#))
            let stored = try #require(try await Self.storedForm(app, parent))
            #expect(stored.mother.name == "Trần Thị Bích")
            #expect(stored.father.name == "Nguyễn Văn Cường")
            #expect(try await rowCount("application_documents", on: app.db) == 1)
        }
    }

    @Test func aRefusedSubmissionIsKeptAsTheDraft() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await Self.opened(app, samples[0])
            let refused = try await parent.post(Site.portalApplication(), Self.typed + [("action", "submit")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Trần Thị Bích"), "the page comes back as typed")
            #expect(refused.body.contains("những gì đã nhập được lưu nháp"))
            let stored = try #require(try await Self.storedForm(app, parent), "a draft exists after the refusal")
            #expect(stored.mother.phone == "0912345601")
            let status = try await app.domain.applications.load(try await parent.portalAccess(app)).application?.status
            #expect(status == .draft)
            // The tab is closed and opened again: the form is as it was.
            let again = try await parent.get(Site.portalApplication())
            #expect(again.body.contains("Nguyễn Văn Cường"))
        }
    }

    @Test func aPhotoOverFiveMegabytesIsRefusedBesideTheFieldWithTheFormKept() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await Self.opened(app, samples[0])
            var photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0]
            photo += [UInt8](repeating: 0x42, count: 6 * 1_048_576)
            let refused = try await parent.upload(
                Site.portalApplication(), Self.typed + [("action", "upload")], file: ("file", "IMG_2041.jpg", photo))
            #expect(refused.status == .unprocessableEntity, "not a bare 413")
            #expect(refused.body.contains("Tệp lớn hơn 5 MB"))
            #expect(refused.body.contains(#"id="field-file-error""#), "the refusal is next to the file field")
            #expect(refused.body.contains("Trần Thị Bích") && refused.body.contains("Số 5 phố Hàng Bài"))
            #expect(try await Self.storedForm(app, parent)?.mother.name == "Trần Thị Bích", "kept as the draft anyway")
            #expect(try await rowCount("application_documents", on: app.db) == 0)
        }
    }

    @Test func aHEICPhotoIsRefusedWithHowToSendAJPEG() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await Self.opened(app, samples[0])
            let heic: [UInt8] =
                [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8) + [UInt8](repeating: 0, count: 64)
            let refused = try await parent.upload(
                Site.portalApplication(), Self.typed + [("action", "upload")], file: ("file", "IMG_0001.HEIC", heic))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Ảnh HEIC"))
            #expect(refused.body.contains("Tương thích nhất"))
        }
    }

    @Test func anEditOfASubmittedApplicationComesBackAsTypedAfterAnUpload() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = try await appliedFamily(app, samples[0])
            let before = try await app.domain.applications.load(try await parent.portalAccess(app)).application
            var edited = completeApplication(samples[0], family: "Nguyễn", middle: "Thị", given: "Ánh", gender: "female")
                .filter { $0.0 != "action" && $0.0 != "addressLine" }
            edited += [("addressLine", "Số 7 phố Hàng Bài"), ("kind", "CT"), ("action", "upload")]
            let page = try await parent.upload(
                Site.portalApplication(), edited, file: ("file", "cu-tru.pdf", SampleUploads.birthCertificatePDF))
            #expect(page.status == .ok)
            #expect(page.body.contains("Số 7 phố Hàng Bài"), "the edit in progress is on the page")
            #expect(page.body.contains("Đã tải lên"))
            let after = try await app.domain.applications.load(try await parent.portalAccess(app)).application
            #expect(after?.version == before?.version, "the submitted application changes only when the edit is sent")
            #expect(after?.form.addressLine == "Số 5 phố Hàng Bài")
        }
    }

    @Test func theDeskKeepsWhatItTypedOnAnUploadToo() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let desk = TestBrowser(app)
            try await desk.login("thuongtruc", DemoSchool.password)
            let uploaded = try await desk.upload(
                Site.deskForm(samples[0].code), Self.typed + [("action", "upload")],
                file: ("file", "khai-sinh.pdf", SampleUploads.birthCertificatePDF))
            #expect(uploaded.status == .seeOther)
            let form = try await desk.get(Site.deskForm(samples[0].code))
            #expect(form.body.contains("Trần Thị Bích") && form.body.contains("khai-sinh.pdf"))
        }
    }
}
