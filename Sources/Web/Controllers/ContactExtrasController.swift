import Foundation
import Records
import Vapor

/// The contact book's files, photo consents and reports: an attachment served to those who may read what it is
/// attached to, a family's photo consent per child, a family's report of a message and the principal's handling.
struct ContactExtrasController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.contactFile, use: file)
        routes.get(Site.familyFile, use: file)
        routes.post(Site.contactReportResolve, use: resolve)
        routes.post(Site.familyReport, use: reportAnnouncement)
        routes.post(Site.familyReportMessage, use: reportMessage)
        routes.post(Site.familyPhotoConsent, use: photoConsent)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let caller = try req.caller()
        let (file, bytes) = try await req.domain.contact.attachment(try req.pathValue(UUID.self), by: caller)
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: file.mediaType)
        // Photos open in the page; a PDF is a download. A stored file is never a page: no scripts, no plugins.
        response.headers.contentDisposition = .init(file.mediaType.hasPrefix("image/") ? .inline : .attachment, filename: file.filename)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return response
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        try await req.domain.contact.resolveReport(try req.pathValue(UUID.self), by: req.caller())
        return req.redirect(to: Site.contactBook(), flash: "Đã ghi nhận: báo cáo đã được xử lý.")
    }

    struct ReportForm: Content {
        var reason: String?
        var message: String?
    }

    @Sendable func reportAnnouncement(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self)
        let caller = try req.caller()
        guard caller.isParent else { throw Abort(.notFound) }
        let form = try req.content.decode(ReportForm.self)
        do {
            try await req.domain.contact.report(announcement: id, reason: form.reason ?? "", by: caller)
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.familyAnnouncement(id), flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: Site.familyAnnouncement(id), flash: "Đã gửi báo cáo tới hiệu trưởng. Cảm ơn anh/chị.")
    }

    @Sendable func reportMessage(req: Request) async throws -> Response {
        let student = try req.pathValue(StudentID.self)
        let caller = try req.caller()
        guard caller.isParent else { throw Abort(.notFound) }
        let form = try req.content.decode(ReportForm.self)
        guard let message = form.message.flatMap(UUID.init(uuidString:)) else {
            return req.redirect(to: Site.familyConversation(student), flash: "Chọn tin nhắn muốn báo cáo.", kind: .error)
        }
        do {
            try await req.domain.contact.report(message: message, reason: form.reason ?? "", by: caller)
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.familyConversation(student), flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: Site.familyConversation(student), flash: "Đã gửi báo cáo tới hiệu trưởng. Cảm ơn anh/chị.")
    }

    struct ConsentForm: Content {
        var family: String?
        var child: String?
    }

    @Sendable func photoConsent(req: Request) async throws -> Response {
        let student = try req.pathValue(StudentID.self)
        let caller = try req.caller()
        guard caller.isParent else { throw Abort(.notFound) }
        let form = try req.content.decode(ConsentForm.self)
        let family = FormInput.checked(form.family)
        try await req.domain.contact.setPhotoConsent(of: student, family: family, child: FormInput.checked(form.child), by: caller)
        return req.redirect(
            to: Site.familyChild(student),
            flash: family ? "Đã ghi nhận: gia đình đồng ý cho nhà trường đăng ảnh có hình con." : "Đã ghi nhận: không đăng ảnh có hình con."
        )
    }
}
