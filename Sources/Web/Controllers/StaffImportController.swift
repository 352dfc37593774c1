import Documents
import Foundation
import Records
import Vapor

/// The staff list from Excel or CSV: the template, upload, a preview naming every bad line, and the
/// all-or-nothing import of accounts (disabled until a password is set), roles and homeroom classes.
struct StaffImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.staffImport, use: show)
        routes.post(Site.staffImport, body: .collect(maxSize: "4mb"), use: upload)
        routes.get(Site.staffImportTemplate, use: template)
        routes.post(Site.staffImportCommit, body: .collect(maxSize: "6mb"), use: commit)
    }

    func page(_ req: Request, problems: FieldProblems = .init(), status: HTTPStatus = .ok) async throws -> Response {
        try req.domain.accounts.authorizeManaging(by: req.caller())
        return try await req.render(
            "staff/import",
            StaffPages.ImportPage(layout: req.layout("Nhập cán bộ từ Excel", active: Site.staff()), form: FormState(problems: problems)),
            status: status)
    }

    @Sendable func show(req: Request) async throws -> Response { try await page(req) }

    @Sendable func template(req: Request) async throws -> Response {
        try req.domain.accounts.authorizeManaging(by: req.caller())
        return try await XLSXResponse.make("mau-nhap-can-bo.xlsx", on: req) { try StaffImportTemplate.xlsx() }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(StaffPages.ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await page(
                req, problems: FieldProblems("file", "Vui lòng chọn tệp danh sách cán bộ (Excel .xlsx hoặc CSV)."),
                status: .unprocessableEntity)
        }
        let bytes = Array(file.data.readableBytesView)
        let preview = try await req.domain.staffImports.preview(bytes, by: caller)
        if let problem = preview.fileProblem {
            return try await page(req, problems: FieldProblems("file", problem), status: .unprocessableEntity)
        }
        return try await render(req, preview, filename: file.filename, payload: Data(bytes).base64EncodedString())
    }

    func render(_ req: Request, _ preview: StaffImportPreview, filename: String, payload: String) async throws -> Response {
        try await req.render(
            "staff/import-preview",
            StaffPages.ImportPreviewPage(
                layout: req.layout("Kiểm tra danh sách cán bộ", active: Site.staff()), filename: filename, payload: payload,
                lines: preview.lines.map(StaffPages.ImportLine.init), badCount: preview.badLines.count,
                importable: preview.isImportable),
            status: preview.isImportable ? .ok : .unprocessableEntity)
    }

    @Sendable func commit(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(StaffPages.CommitForm.self)
        guard let payload = form.payload, let data = Data(base64Encoded: payload) else {
            return try await page(req, problems: FieldProblems("file", "Vui lòng tải tệp lên lại."), status: .unprocessableEntity)
        }
        let filename = form.filename ?? ""
        do {
            let result = try await req.domain.staffImports.commit(Array(data), filename: filename, by: caller)
            var message = "Đã nhập \(result.accounts) tài khoản cán bộ"
            if result.homerooms > 0 { message += " và phân công chủ nhiệm \(result.homerooms) lớp" }
            message += ". Các tài khoản đang chờ đặt mật khẩu: mở trang từng người để đặt mật khẩu đầu tiên."
            return req.redirect(to: Site.staff(), flash: message)
        } catch is FieldProblems {
            // Something changed since the preview (a username taken meanwhile): show the lines as they are now.
            return try await render(
                req, try await req.domain.staffImports.preview(Array(data), by: caller), filename: filename, payload: payload)
        }
    }
}
