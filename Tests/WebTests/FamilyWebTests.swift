import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct FamilyWebTests {
    /// The demo school with two pupils of different families in 1A.
    static func pupils(_ app: Application) async throws -> (StudentID, StudentID) {
        try await seedDemo(app)
        let system = Caller.system()
        let year = try #require(try await SchoolService(database: app.db).years(by: system).first { $0.isCurrent })
        let classA = try #require(try await ClassService(database: app.db).list(year: year.id, by: system).first { $0.name == "1A" })
        func pupil(_ name: String, mother: (String, String)) -> NewPupil {
            NewPupil(
                child: NewStudent(name: PersonName(kinhFullName: name), birthDate: SchoolDate(year: 2020, month: 3, day: 5), sex: .female),
                guardians: [
                    NewGuardian(name: PersonName(kinhFullName: mother.0), relation: .mother, phone: mother.1, email: "me@example.vn")
                ],
                classID: classA.id, entryDate: year.dates.startsOn)
        }
        let admitted = try await RegisterService(database: app.db).admit(
            [
                pupil("Nguyễn Thị Ánh", mother: ("Trần Thị Bích", "0912345602")),
                pupil("Y Kŏ Êban", mother: ("H'Hen Niê", "0987000111")),
            ], into: year.id, by: system)
        return (admitted[0].entry.studentID, admitted[1].entry.studentID)
    }

    @Test func theClerkInvitesAMotherWhoOpensHerAccountAndSeesOnlyHerChild() async throws {
        try await withHoso { app in
            let (own, other) = try await Self.pupils(app)
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let list = try await clerk.get("/register/families")
            #expect(list.status == .ok)
            #expect(list.body.contains("Mẹ của Nguyễn Thị Ánh"))
            #expect(list.body.contains("Chưa mời"))
            let guardianPath = try #require(
                list.body.components(separatedBy: "action=\"/register/families/").dropFirst().first?.prefix { $0 != "\"" })
            let issued = try await clerk.post("/register/families/\(guardianPath)", [])
            #expect(issued.status == .ok)
            #expect(issued.headers.first(name: .cacheControl) == "no-store")
            let code = try #require(issued.body.components(separatedBy: "<strong class=\"code\">").dropFirst().first?.prefix { $0 != "<" })
            #expect(code.count == 9)
            // The code went out by SMS and email through the outbox.
            let chair = TestBrowser(app)
            try await chair.login("hieutruong", DemoSchool.password)
            let outbox = try await chair.get("/admissions/outbox")
            #expect(outbox.body.contains("Mời mở tài khoản sổ liên lạc điện tử"))
            #expect(outbox.body.contains(String(code)))
            // Staff pages are not for parents' accounts; a teacher is not a parent either.
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get("/phu-huynh/con/\(own)").status == .forbidden)
            #expect(try await teacher.get("/register/families").status == .forbidden)

            let parent = TestBrowser(app)
            #expect(try await parent.get("/phu-huynh/kich-hoat?ma=\(code)").body.contains("value=\"\(code)\""))
            let wrong = try await parent.post(
                "/phu-huynh/kich-hoat",
                [
                    ("code", String(code)), ("contact", "0912345601"),
                    ("username", "0912345602"), ("password", "mat-khau-phu-huynh"),
                    ("passwordConfirmation", "mat-khau-phu-huynh"),
                ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("Mã mời hoặc số điện thoại không đúng"))
            #expect(wrong.body.contains("value=\"0912345601\""), "the form is refilled")
            #expect(try await rowCount("guardian_accounts", on: app.db) == 0)
            let opened = try await parent.post(
                "/phu-huynh/kich-hoat",
                [
                    ("code", String(code)), ("contact", "0912 345 602"),
                    ("username", "0912345602"), ("password", "mat-khau-phu-huynh"),
                    ("passwordConfirmation", "mat-khau-phu-huynh"),
                ])
            #expect(opened.status == .seeOther)
            #expect(opened.location == "/phu-huynh")
            let home = try await parent.get("/phu-huynh")
            #expect(home.status == .ok)
            #expect(home.body.contains("Nguyễn Thị Ánh"))
            #expect(home.body.contains("1A"))
            #expect(!home.body.contains("Êban"))
            #expect(try await parent.get("/").location == "/phu-huynh")
            #expect(try await parent.get("/phu-huynh/con/\(own)").status == .ok)
            #expect(try await parent.get("/phu-huynh/con/\(other)").status == .notFound)
            #expect(try await parent.get("/register/students/\(own)").status == .forbidden)
            #expect(try await parent.get("/school/classes").status == .forbidden)
            #expect(try await parent.get("/admissions/outbox").status == .forbidden)
            // She logs in again later with what she chose.
            let later = TestBrowser(app)
            try await later.login("0912345602", "mat-khau-phu-huynh")
            #expect(try await later.get("/phu-huynh").body.contains("Nguyễn Thị Ánh"))
            #expect(try await clerk.get("/register/families").body.contains("0912345602"))
        }
    }
}
