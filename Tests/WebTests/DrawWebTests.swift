import Admissions
import ConsoleKit
import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct DrawWebTests {
    @Test func theChairDrawsApprovesAndParentsSeeTheirResultAndTheMinutes() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let system = Caller.system()
            let campaign = try #require(try await CampaignService(database: app.db).current())
            for sample in samples.prefix(2) {
                let access = try await DeskService(database: app.db).access(sample.code, by: system)
                let portalCase = try await ApplicationService(database: app.db).load(access)
                var form = ApplicationForm.prefilled(from: portalCase.child)
                form.mother = GuardianEntry(name: "Trần Thị Bích", phone: "0912345601")
                form.wardCode = "00070"
                form.hamlet = "Tổ 1"
                form.addressLine = "Số 5"
                form.childEthnicity = "Kinh"
                form.childPlaceOfBirth = "Hà Nội"
                form.consent = true
                let submitted = try await ApplicationService(database: app.db).submit(form, for: access, by: system)
                try await ReviewService(database: app.db).decide(
                    submitted.id, checklist: [], decision: .verified(group: "DT1"),
                    version: submitted.version, by: system)
            }
            // The chair ends the review now, with the council's reason (no editing of the campaign's dates).
            try await CampaignService(database: app.db).endReviewNow(
                campaign.id, reason: "Mọi hồ sơ đã được xét", by: system)
            let chair = TestBrowser(app)
            try await chair.login("hieutruong", DemoSchool.password)
            let base = "/admissions/campaigns/\(campaign.id)/draw"
            #expect(try await chair.post(base + "/run", []).status == .unprocessableEntity)
            #expect(try await chair.post(base + "/announce", [("publicValue", "Giải đặc biệt 10/07/2027: 54321")]).status == .seeOther)
            #expect(try await chair.post(base + "/run", []).status == .seeOther)
            let page = try await chair.get(base)
            #expect(page.body.contains("kết quả khớp"))
            #expect(page.body.contains("2027-00001"))
            #expect(page.body.contains("Nguyễn Thị Ánh"), "the council's table names the child beside the number")
            #expect(page.body.contains(#"name="members[]" value="Vũ Văn Hải""#), "the council's accounts are offered to tick")
            #expect(page.body.contains(#"name="members[]" value="Nguyễn Văn Minh""#))
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            #expect(!(try await parent.get("/tuyen-sinh/bien-nhan")).body.contains("Kết quả: Trúng tuyển"), "nothing before approval")
            let member = TestBrowser(app)
            try await member.login("hoidong", DemoSchool.password)
            #expect(try await member.post(base + "/approve", [("membersPresent", "Vũ Văn Hải")]).status == .forbidden)
            let nobody = try await chair.post(base + "/approve", [("membersPresent", " ")])
            #expect(nobody.status == .unprocessableEntity)
            #expect(nobody.body.contains("Ghi tên các thành viên hội đồng có mặt."))
            let approved = try await chair.post(
                base + "/approve",
                [("members[]", "Nguyễn Văn Minh"), ("members[]", "Vũ Văn Hải"), ("membersPresent", "Lê Văn Tư (UBND phường)")])
            #expect(approved.status == .seeOther)
            #expect(try await parent.get("/tuyen-sinh/bien-nhan").body.contains("Trúng tuyển — cần xác nhận nhập học"))
            let list = try await parent.get("/tuyen-sinh/ket-qua")
            let seed = Lottery.seed(publicValue: "Giải đặc biệt 10/07/2027: 54321", campaign: campaign.id.description)
            #expect(list.body.contains(seed))
            #expect(list.body.contains(Lottery.rank(seed: seed, applicationNumber: "2027-00001")))
            #expect(!list.body.contains("Nguyễn Thị Ánh"), "the public list has numbers, not names")
            // Plain Vietnamese first — the places, the groups in order, how a family checks its child — the hashes below.
            let plain = try #require(list.body.range(of: "Cách xét tuyển"))
            let hashes = try #require(list.body.range(of: seed))
            #expect(plain.lowerBound < hashes.lowerBound)
            #expect(list.body.contains("Để xem kết quả của con:") && list.body.contains(campaign.priorityGroups[0].name))

            let minutes = try await chair.get("/admissions/campaigns/\(campaign.id)/minutes.pdf")
            let text = try Poppler.text(try Poppler.write(minutes.bytes, name: "minutes"))
            #expect(text.contains("BIÊN BẢN HỌP HỘI ĐỒNG TUYỂN SINH LỚP 1"))
            #expect(text.contains("Nguyễn Văn Minh, Vũ Văn Hải, Lê Văn Tư (UBND phường)"))
            #expect(text.contains(String(seed.prefix(32))))

            #expect(try await parent.post("/tuyen-sinh/xac-nhan", [("accept", "true")]).status == .seeOther)
            #expect(try await parent.get("/tuyen-sinh/bien-nhan").body.contains("Đã xác nhận nhập học"))
            let outbox = try await chair.get("/admissions/outbox")
            #expect(outbox.body.contains("Kết quả tuyển sinh lớp 1: trúng tuyển"))
            #expect(outbox.body.contains("0912345601"))

            let results = try await chair.get("/admissions/campaigns/\(campaign.id)/results")
            #expect(results.status == .ok)
            #expect(results.body.contains("Nguyễn Thị Ánh"))
            let workbook = try await chair.get("/admissions/campaigns/\(campaign.id)/results.xlsx")
            #expect(
                try XLSXReader.rows(workbook.bytes, sheet: "Danh sách").contains {
                    $0.contains("Nguyễn Thị Ánh") && $0.contains("Đã xác nhận nhập học")
                })

            // The clerk turns the confirmed child into a pupil of next year's 1A.
            let year = try await SchoolService(database: app.db).createYear(startYear: 2027, dates: nil, by: system)
            let classA = try await ClassService(database: app.db).create(ClassDraft(name: "1A", grade: 1), year: year.id, by: system)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let convertPage = try await clerk.get("/admissions/campaigns/\(campaign.id)/convert")
            #expect(convertPage.status == .ok)
            #expect(convertPage.body.contains("Nguyễn Thị Ánh"))
            let assignments = try await ConversionService(database: app.db).propose(
                campaign.id, keepKindergartensTogether: false, by: system)
            // The clerk completes the register's fields on the same page: a wrong ID is refused beside its cell, with
            // everything typed kept; a right one is saved to the application.
            let child = try #require(assignments.keys.first)
            let typed = [("ethnicity-\(child)", "Kinh"), ("placeOfBirth-\(child)", "Bệnh viện Xanh Pôn, Hà Nội")]
            let refused = try await clerk.post(
                "/admissions/campaigns/\(campaign.id)/convert", typed + [("personalID-\(child)", "12345"), ("action", "save")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains(": mã định danh gồm đúng 12 chữ số."))
            #expect(refused.body.contains(#"id="personalID-\#(child)-error""#), "the refusal stands beside the cell")
            #expect(refused.body.contains(#"value="Bệnh viện Xanh Pôn, Hà Nội""#), "what was typed is kept")
            let saved = try await clerk.post(
                "/admissions/campaigns/\(campaign.id)/convert", typed + [("personalID-\(child)", ""), ("action", "save")])
            #expect(saved.status == .seeOther)
            let completed = try await ConversionService(database: app.db).candidates(campaign.id, by: system)
            #expect(completed.first { $0.applicationID == child }?.details.placeOfBirth == "Bệnh viện Xanh Pôn, Hà Nội")
            let committed = try await clerk.post(
                "/admissions/campaigns/\(campaign.id)/convert",
                assignments.map { ("class-\($0.key)", $0.value.description) })
            #expect(committed.status == .seeOther)
            let roster = try await chair.get("/school/classes/\(classA.id)/roster.pdf")
            #expect(try Poppler.text(try Poppler.write(roster.bytes, name: "roster")).contains("Nguyễn Thị Ánh"))
            // The converted family is invited to open the parent account; a second round finds no one left.
            let invited = try await clerk.post("/admissions/campaigns/\(campaign.id)/invite-families", [])
            #expect(invited.status == .ok)
            #expect(invited.body.contains("Trần Thị Bích"))
            #expect(invited.body.contains("<strong class=\"code\">"))
            #expect(!(try await clerk.post("/admissions/campaigns/\(campaign.id)/invite-families", [])).body.contains("Trần Thị Bích"))
            let book = try await clerk.get("/school/years/\(year.id)/register.pdf")
            #expect(try Poppler.text(try Poppler.write(book.bytes, name: "book")).contains("Nguyễn Thị Ánh"))

            // A register entry changes only through a correction the principal approves.
            let rosterPage = try await clerk.get("/school/classes/\(classA.id)/roster")
            let studentPath = try #require(
                rosterPage.body.components(separatedBy: "href=\"/register/students/").dropFirst().first?.prefix { $0 != "\"" })
            let entryPage = try await clerk.get("/register/students/\(studentPath)")
            #expect(entryPage.body.contains("Nguyễn Thị Ánh"))
            let requested = try await clerk.post(
                "/register/students/\(studentPath)/corrections",
                [
                    ("family", "Nguyễn"), ("middle", "Thị Ngọc"), ("given", "Ánh"), ("birthDate", "05/03/2021"), ("ethnicity", "Kinh"),
                    ("reason", "Sai tên đệm so với giấy khai sinh"), ("version", "1"),
                ])
            #expect(requested.status == .seeOther)
            #expect(try await clerk.get("/register/students/\(studentPath)").body.contains("Nguyễn Thị Ánh"), "unchanged before approval")
            let pendingPage = try await chair.get("/register/corrections")
            let correctionID = try #require(
                pendingPage.body.components(separatedBy: "/register/corrections/").dropFirst().first?.prefix { $0 != "/" })
            #expect(try await clerk.post("/register/corrections/\(correctionID)/approve", []).status == .forbidden)
            #expect(try await chair.post("/register/corrections/\(correctionID)/approve", []).status == .seeOther)
            #expect(try await clerk.get("/register/students/\(studentPath)").body.contains("Nguyễn Thị Ngọc Ánh"))

            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["hoso"]))
            context.application = app
            try await app.asyncCommands.commands["lottery-verify"]!.run(using: &context)
            #expect(console.output.contains("kết quả bốc thăm khớp"))
        }
    }
}
