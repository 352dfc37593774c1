import Fluent
import Records
import Vapor

/// The start page after login: who you are this year and where to go.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.home, use: home)
        routes.get(Site.wards, use: Units.wards)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let caller = user.caller
        if user.account.kind == .parent { return req.redirect(to: Site.familyHome(), redirectType: .normal) }
        var homeroom: [String] = []
        var teaching: [HomePages.Link] = []
        var classCount: Int?
        if caller.may(.viewSchool) {
            let classes = try await req.domain.classes.list(by: caller)
            classCount = classes.count
            homeroom = classes.filter { caller.grants.homeroomClasses.contains($0.id) }.map(\.name)
            teaching = try await req.domain.teaching.list(by: caller)
                .filter { $0.accountID == user.account.id }
                .map { HomePages.Link(label: "\($0.subjectName) — lớp \($0.className)", href: Site.subjectGrid($0.classID, $0.subjectID)) }
        }
        let page = HomePages.Page(
            layout: req.layout("Trang chủ", active: Site.home()), name: user.account.name.full,
            roles: caller.grants.roles.sorted().map(\.label), homeroomClasses: homeroom, teaching: teaching,
            mustChangePassword: user.account.mustChangePassword, secondFactorEnabled: user.account.secondFactorEnabled,
            classCount: classCount, work: try await req.waitingWork(for: caller),
            setup: caller.may(.manageSchool)
                ? [
                    HomePages.Link(label: "Thông tin trường", href: Site.schoolProfile()),
                    HomePages.Link(label: "Năm học", href: Site.years()), HomePages.Link(label: "Môn học", href: Site.subjects()),
                    HomePages.Link(label: "Phân công giảng dạy", href: Site.teaching()),
                    HomePages.Link(label: "Thời gian nhập sổ đánh giá", href: Site.assessmentWindows()),
                    HomePages.Link(label: "Tin nhắn đã gửi cho phụ huynh", href: Site.outbox()),
                    HomePages.Link(label: "Sao lưu dữ liệu", href: Site.backups()),
                    HomePages.Link(label: "Chữ ký số", href: Site.signing()),
                ] : [])
        return try await req.render("home/home", page)
    }
}

/// Province and ward lists for address selects.
enum Units {
    @Sendable static func wards(req: Request) async throws -> [HomePages.WardOption] {
        let province = (try? req.query.get(String.self, at: "province")) ?? ""
        return AdminUnits.shared.wards(of: province).map { HomePages.WardOption(code: $0.code, name: $0.name) }
    }
}
