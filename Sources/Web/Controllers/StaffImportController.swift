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
        routes.post(Site.staffImportCheck, body: .collect(maxSize: "6mb"), use: check)
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
        let columns = zip(preview.headers, preview.columns).enumerated().map { position, pair in
            StaffPages.ColumnChoice(
                field: "column-\(position)", header: pair.0.isEmpty ? "(cột \(position + 1) không có tiêu đề)" : pair.0,
                options: StaffColumn.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == pair.1) })
        }
        return try await req.render(
            "staff/import-preview",
            StaffPages.ImportPreviewPage(
                layout: req.layout("Kiểm tra danh sách cán bộ", active: Site.staff()), filename: filename, payload: payload,
                lines: preview.lines.map(StaffPages.ImportLine.init), badCount: preview.badLines.count,
                importable: preview.isImportable, columns: columns),
            status: preview.isImportable ? .ok : .unprocessableEntity)
    }

    /// The file posted back by the preview page, with the columns chosen there.
    func posted(_ req: Request) throws -> (bytes: [UInt8], payload: String, filename: String, columns: [Int: StaffColumn])? {
        let form = try req.content.decode([String: String].self)
        guard let payload = form["payload"], let data = Data(base64Encoded: payload) else { return nil }
        return (Array(data), payload, form["filename"] ?? "", StaffPages.columns(form))
    }

    /// The preview again, with the columns as chosen (and each unknown header's meaning remembered).
    @Sendable func check(req: Request) async throws -> Response {
        let caller = try req.caller()
        guard let file = try posted(req) else {
            return try await page(req, problems: FieldProblems("file", "Vui lòng tải tệp lên lại."), status: .unprocessableEntity)
        }
        let preview = try await req.domain.staffImports.preview(file.bytes, columns: file.columns, by: caller)
        if let problem = preview.fileProblem {
            return try await page(req, problems: FieldProblems("file", problem), status: .unprocessableEntity)
        }
        return try await render(req, preview, filename: file.filename, payload: file.payload)
    }

    @Sendable func commit(req: Request) async throws -> Response {
        let caller = try req.caller()
        guard let file = try posted(req) else {
            return try await page(req, problems: FieldProblems("file", "Vui lòng tải tệp lên lại."), status: .unprocessableEntity)
        }
        do {
            let result = try await req.domain.staffImports.commit(file.bytes, columns: file.columns, filename: file.filename, by: caller)
            var message = "Đã nhập \(result.accounts) tài khoản cán bộ"
            if result.homerooms > 0 { message += " và phân công chủ nhiệm \(result.homerooms) lớp" }
            message += ". Các tài khoản đang chờ đặt mật khẩu: mở trang từng người để đặt mật khẩu đầu tiên."
            return req.redirect(to: Site.staff(), flash: message)
        } catch is FieldProblems {
            // Something changed since the preview (a username taken meanwhile): show the lines as they are now.
            let preview = try await req.domain.staffImports.preview(file.bytes, columns: file.columns, by: caller)
            return try await render(req, preview, filename: file.filename, payload: file.payload)
        }
    }
}
