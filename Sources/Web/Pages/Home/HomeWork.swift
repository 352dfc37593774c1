import Admissions
import Fluent
import Foundation
import Records
import Vapor

extension HomePages {
    /// One kind of work waiting for the signed-in person, with how much of it and where to do it.
    struct Work: Encodable {
        let title: String
        let count: Int
        let detail: String
        let href: String
        let action: String
    }

    /// A link of the school set-up card.
    struct Link: Encodable {
        let label: String
        let href: String
    }
}

extension Request {
    /// What waits for `caller`, role by role: applications for the council, questions for the desk, results and
    /// register corrections for the principal, admitted children for the clerk. Each count comes from the service
    /// that checks the caller may see it.
    func waitingWork(for caller: Caller) async throws -> [HomePages.Work] {
        var work: [HomePages.Work] = []
        let roles = caller.grants.roles
        if let campaign = try await domain.campaigns.current() {
            if !roles.isDisjoint(with: [.councilMember, .councilChair]), caller.may(.reviewApplications) {
                let queue = try await domain.review.queue(campaign.id, by: caller)
                let waiting = queue.filter { $0.application.status == .submitted }.count
                work.append(
                    HomePages.Work(
                        title: "Hồ sơ chờ hội đồng xét duyệt", count: waiting,
                        detail: "\(queue.count) hồ sơ đã nộp trong đợt \(campaign.title).", href: Site.review(),
                        action: "Xét duyệt"))
            }
            if !roles.isDisjoint(with: [.onDutyStaff, .clerk, .councilChair]), caller.may(.admissionDesk) {
                let questions = try await domain.desk.unanswered(in: campaign.id, by: caller)
                work.append(
                    HomePages.Work(
                        title: "Câu hỏi của phụ huynh chưa trả lời", count: questions.count,
                        detail: questions.first.map { "Câu hỏi chờ lâu nhất: từ \(Timestamps.display($0.askedAt))." } ?? "",
                        href: Site.deskQuestions(), action: "Trả lời"))
            }
            if caller.may(.approveAdmissions), let state = try await domain.draws.state(campaign.id, by: caller),
                state.result != nil, state.publishedAt == nil
            {
                work.append(
                    HomePages.Work(
                        title: "Kết quả tuyển sinh chờ phê duyệt", count: 1,
                        detail: "Đã bốc thăm; kết quả chưa công bố cho phụ huynh.", href: Site.draw(campaign.id),
                        action: "Xem và phê duyệt"))
            }
            if roles.contains(.clerk) || roles.contains(.adminBoard), caller.may(.writeRegister) {
                let candidates = try await domain.conversions.candidates(campaign.id, by: caller)
                let incomplete = candidates.filter(\.details.isIncomplete).count
                work.append(
                    HomePages.Work(
                        title: "Trẻ trúng tuyển chờ vào sổ đăng bộ", count: candidates.count,
                        detail: incomplete > 0 ? "\(incomplete) trẻ còn thiếu dân tộc hoặc nơi sinh." : "",
                        href: Site.convert(campaign.id), action: "Chuyển vào sổ và xếp lớp"))
            }
        }
        if caller.may(.approveCorrections) {
            let pending = try await domain.register.pendingCorrections(by: caller)
            work.append(
                HomePages.Work(
                    title: "Đề nghị đính chính sổ đăng bộ chờ duyệt", count: pending.count, detail: "",
                    href: Site.corrections(), action: "Duyệt"))
        }
        work += try await attendanceWork(for: caller)
        if caller.may(.manageSchool), let warning = BackupsController.staleWarning(application, now: Date()) {
            work.append(
                HomePages.Work(
                    title: "Sao lưu dữ liệu", count: 1, detail: warning, href: Site.backups(), action: "Xem sao lưu"))
        }
        return work
    }

    /// This month's attendance: each homeroom class not yet recorded, and for the principal the classes missing.
    func attendanceWork(for caller: Caller) async throws -> [HomePages.Work] {
        guard let year = try await domain.school.years(by: caller).first(where: \.isCurrent) else { return [] }
        let month = SchoolMonth(SchoolDate(Date()))
        guard SchoolMonth.months(of: year.dates).contains(month) else { return [] }
        var work: [HomePages.Work] = []
        let service = AttendanceService(database: db)
        for classID in caller.grants.homeroomClasses.sorted(by: { $0.description < $1.description }) {
            let className = try await domain.classes.get(classID, by: caller).name
            let saved = try await service.lastSave(class: classID, month: month, by: caller)
            work.append(
                HomePages.Work(
                    title: "Chuyên cần tháng \(month) lớp \(className)", count: saved == nil ? 1 : 0,
                    detail: saved == nil ? "Tháng này chưa cập nhật." : "Đã cập nhật; sửa khi có học sinh nghỉ.",
                    href: Site.attendanceMonth(classID, month), action: "Đánh dấu ngày nghỉ"))
        }
        if caller.may(.manageSchool) {
            work.append(
                HomePages.Work(
                    title: "Lớp chưa cập nhật chuyên cần tháng \(month)", count: try await service.unrecorded(month: month, by: caller),
                    detail: "", href: Site.attendanceOverview(), action: "Xem các lớp"))
        }
        return work
    }
}
