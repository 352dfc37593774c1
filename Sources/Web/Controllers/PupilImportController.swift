import Documents
import Foundation
import Records
import Vapor

/// Pupils a school already has, from Excel or CSV: the template, upload, the preview where columns and name orders
/// are chosen, and the all-or-nothing import into the register and the classes.
struct PupilImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.pupilImport, use: show)
        routes.post(Site.pupilImport, body: .collect(maxSize: "10mb"), use: upload)
        routes.get(Site.pupilImportTemplate, use: template)
        routes.get(Site.pupilImportBatch, use: preview)
        routes.post(Site.pupilImportBatch, use: choose)
        routes.post(Site.pupilImportCommit, use: commit)
        routes.get(Site.pupilImportProgress, use: progress)
    }

    func uploadPage(_ req: Request, yearID: String? = nil, problems: FieldProblems = .init()) async throws -> PupilImportPages.UploadPage {
        let caller = try req.caller()
        try caller.require(.writeRegister)
        let years = try await req.domain.school.years(by: caller)
        let chosen = yearID ?? years.first(where: \.isCurrent)?.id.description ?? ""
        return PupilImportPages.UploadPage(
            layout: req.layout("Nhập học sinh từ Excel", active: Site.corrections()), action: Site.pupilImport(),
            templatePath: Site.pupilImportTemplate(),
            years: years.map { SelectOption(value: $0.id.description, label: $0.name, selected: $0.id.description == chosen) },
            form: FormState(values: ["yearID": chosen], problems: problems))
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("register/import", uploadPage(req))
    }

    @Sendable func template(req: Request) async throws -> Response {
        try req.caller().require(.writeRegister)
        return try await XLSXResponse.make("mau-nhap-hoc-sinh.xlsx", on: req) { try PupilImportTemplate.xlsx() }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(PupilImportPages.UploadForm.self)
        func refuse(_ field: String, _ message: String) async throws -> Response {
            try await req.render(
                "register/import", uploadPage(req, yearID: form.yearID, problems: FieldProblems(field, message)),
                status: .unprocessableEntity)
        }
        guard let year = form.yearID.flatMap(SchoolYearID.init) else { return try await refuse("yearID", "Vui lòng chọn năm học.") }
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await refuse("file", "Vui lòng chọn tệp danh sách học sinh (Excel .xlsx hoặc CSV).")
        }
        let result = try await req.domain.pupilImports.upload(
            filename: file.filename, bytes: Array(file.data.readableBytesView), year: year, by: caller)
        switch result {
        case .failure(let unreadable): return try await refuse("file", unreadable.message)
        case .success(let batch): return req.redirect(to: Site.pupilImportBatch(batch))
        }
    }

    func previewPage(_ req: Request, _ id: UUID, _ preview: PupilImportPreview? = nil) async throws -> PupilImportPages.PreviewPage {
        let caller = try req.caller()
        let imports = req.domain.pupilImports
        let batch = try await imports.batch(id, by: caller)
        guard batch.importedAt == nil else { throw RecordsError.notFound }
        let read: PupilImportPreview
        if let preview { read = preview } else { read = try await imports.preview(id, by: caller) }
        guard let year = try await req.domain.school.years(by: caller).first(where: { $0.id == batch.yearID }) else {
            throw RecordsError.notFound
        }
        return PupilImportPages.preview(
            read, batch: batch, year: year, layout: req.layout("Kiểm tra danh sách học sinh", active: Site.corrections()))
    }

    @Sendable func preview(req: Request) async throws -> Response {
        let page = try await previewPage(req, req.pathValue(UUID.self, "batch"))
        return try await req.render("register/import-preview", page, status: page.importable ? .ok : .unprocessableEntity)
    }

    @Sendable func choose(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self, "batch")
        let form = try req.content.decode([String: String].self)
        try await req.domain.pupilImports.choose(PupilImportPages.choices(form), for: id, by: req.caller())
        return req.redirect(to: Site.pupilImportBatch(id))
    }

    @Sendable func commit(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self, "batch")
        let caller = try req.caller()
        let batch = try await req.domain.pupilImports.batch(id, by: caller)
        do {
            let result = try await req.domain.pupilImports.commit(id, by: caller, progress: req.application.importProgress.report(id))
            let classes = result.createdClasses.isEmpty ? "" : "; tạo lớp \(result.createdClasses.joined(separator: ", "))"
            return req.redirect(
                to: Site.classesOfYear(batch.yearID),
                flash: "Đã nhập \(result.pupils) học sinh vào sổ đăng bộ và danh sách lớp\(classes).")
        } catch {
            // A refusal the clerk can act on comes back on the preview; anything else is a real failure.
            let message: String
            switch error {
            case let problems as FieldProblems: message = problems.list.first?.message ?? ""
            case let refusal as RegisterError: message = refusal.message
            default: throw error
            }
            var page = try await previewPage(req, id)
            page.layout.flash = Flash(kind: .error, message: message)
            return try await req.render("register/import-preview", page, status: .unprocessableEntity)
        }
    }

    /// How far the import of `batch` has come, as JSON for the preview page's progress bar.
    @Sendable func progress(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self, "batch")
        try req.caller().require(.writeRegister)
        let progress = req.application.importProgress.progress(id) ?? ImportProgress(stage: .checking, done: 0, total: 0)
        let body = PupilImportPages.ProgressBody(
            stage: progress.stage.rawValue, done: progress.done, total: progress.total, label: progress.label)
        let response = Response(status: .ok, body: .init(data: try JSONEncoder().encode(body)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
