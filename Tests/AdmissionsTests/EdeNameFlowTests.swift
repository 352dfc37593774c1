import Admissions
import Documents
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// An Ê Đê child keeps her name's order from the kindergarten list to every page, message and PDF after the portal:
/// the council's queue, the result message, the class roster and the register book all say "H'Hen Niê".
@Suite struct EdeNameFlowTests {
    @Test func hHenNieIsHHenNieFromTheListToTheRegisterBook() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let clock = p.fixture.clock.function
            let principal = try await p.fixture.principalCaller()
            let listed = try await ListService(database: db, clock: clock).addChild(
                ChildEntry(
                    name: PersonName(family: "Niê", given: "H'Hen", familyLast: true), birthDate: SchoolDate(year: 2021, month: 2, day: 14),
                    gender: .female, parentName: "H'Lan Niê", parentPhone: "0912345605"),
                to: p.campaign.id, kindergarten: nil, by: principal)
            let code = try #require(listed.code)
            let (_, access) = try await PortalService(database: db, clock: clock).open(
                code: code.display, birthDate: "14/02/2021", address: "1.1.1.2")
            try await p.documents.upload(
                SampleUploads.birthCertificatePDF, filename: "ks.pdf", kind: "KS", for: access,
                by: .parent(code: code.display, address: "a"))
            var form = ApplicationForm.prefilled(from: listed.entry)
            form.mother = GuardianEntry(name: "H'Lan Niê", phone: "0912345605")
            form.wardCode = "00070"
            form.hamlet = "Tổ 1"
            form.addressLine = "Buôn Ea Drông"
            form.priorityCodes = ["DT1"]
            form.childEthnicity = "Ê Đê"
            form.childPlaceOfBirth = "Buôn Hồ, Đắk Lắk"
            form.childPersonalID = "066321000123"
            form.consent = true
            let submitted = try await ApplicationService(database: db, clock: clock).submit(
                form, for: access, by: .parent(code: code.display, address: "a"))
            #expect(submitted.form.correctionReason.isEmpty)

            let review = ReviewService(database: db, clock: clock)
            let queued = try await review.queue(p.campaign.id, by: principal).map(\.application.form.childName.full)
            #expect(queued.contains("H'Hen Niê"), "the council's queue: \(queued)")
            _ = try await review.decide(
                submitted.id, checklist: [], decision: .verified(group: "DT1"), version: submitted.version, by: principal)

            let draws = DrawService(database: db, clock: clock)
            try await draws.announce(p.campaign.id, publicValue: "2027", by: principal)
            p.fixture.clock.advance(p.campaign.windows.reviewUntil.timeIntervalSince(p.fixture.clock.now))
            try await draws.draw(p.campaign.id, by: principal)
            try await draws.approve(p.campaign.id, membersPresent: "Nguyễn Văn Minh", by: principal)
            let messages = try await Outbox(database: db).recent(by: principal).filter {
                $0.code == code.symbols || $0.code == code.display
            }
            #expect(!messages.isEmpty, "the result is sent to the family")
            for message in messages {
                #expect(message.body.contains("H'Hen Niê") && !message.body.contains("Niê H'Hen"), "the message says: \(message.body)")
            }

            try await ConfirmationService(database: db, clock: clock).respond(
                accept: true, for: access, by: .parent(code: code.display, address: "a"))
            let year = try await SchoolService(database: db, clock: clock).createYear(startYear: 2027, dates: nil, by: principal)
            let class1A = try await ClassService(database: db, clock: clock).create(
                ClassDraft(name: "1A", grade: 1), year: year.id, by: principal)
            let conversion = ConversionService(database: db, clock: clock)
            let proposal = try await conversion.propose(p.campaign.id, keepKindergartensTogether: false, by: principal)
            _ = try await conversion.commit(p.campaign.id, assignments: proposal, by: principal)

            let rosters = RosterService(database: db, clock: clock)
            let roster = try await rosters.roster(class: class1A.id, by: principal)
            #expect(roster.lines.map(\.name.full).contains("H'Hen Niê"))
            let rosterText = try Poppler.text(
                try Poppler.write(try await rosters.document(class: class1A.id, by: principal).render(), name: "ede-roster"))
            #expect(rosterText.contains("H'Hen Niê") && !rosterText.contains("Niê H'Hen"), "the roster PDF")
            let book = try await RegisterService(database: db, clock: clock).book(year: year.id, by: principal)
            let bookText = try Poppler.text(
                try Poppler.write(
                    RegisterPrintouts.book(book, printedOn: SchoolDate(year: 2027, month: 9, day: 5)!).render(), name: "ede-book"))
            #expect(bookText.contains("H'Hen Niê") && !bookText.contains("Niê H'Hen"), "the register book PDF")
            // The register's fields come from the form: her ethnicity, ID and birthplace, and the ward of her address.
            let entry = try #require(book.lines.first { $0.entry.details.name.full == "H'Hen Niê" }?.entry.details)
            #expect(entry.ethnicity == "Ê Đê" && entry.personalID == "066321000123" && entry.placeOfBirth == "Buôn Hồ, Đắk Lắk")
            #expect(entry.address.hasSuffix(", Phường Hoàn Kiếm"), "the address keeps its ward: \(entry.address)")
            #expect(bookText.contains("Ê Đê") && bookText.contains("066321000123"))
            #expect(rosterText.contains("1 dân tộc thiểu số"), "she is counted among the minorities")
        }
    }
}
