import Documents
import Records
import Vapor

/// A notice for the grid page rendered from an uploaded workbook.
struct UploadedNoticeKey: StorageKey { typealias Value = String }

/// The assessment book's entry on pages: the principal's windows, and a subject teacher's class × subject grid with
/// drafts kept in the browser, refusals next to each cell, and "done" that locks it.
struct AssessmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.assessmentWindows, use: windows)
        routes.post(Site.assessmentWindows, use: setWindow)
        routes.post(Site.assessmentRelease, use: release)
        routes.get(Site.assessmentProgress, use: progress)
        routes.get(Site.subjectGrid, use: grid)
        routes.post(Site.subjectGrid, use: save)
        routes.post(Site.subjectGridDone, use: done)
        routes.post(Site.subjectGridUnlock, use: requestUnlock)
        routes.get(Site.subjectGridXLSX, use: workbook)
        routes.post(Site.subjectGridUpload, body: .collect(maxSize: "4mb"), use: upload)
        routes.post(Site.unlockDecide, use: decideUnlock)
        routes.get(Site.homeroomGrid, use: homeroom)
        routes.get(Site.summaryPDF, use: summaryPDF)
        routes.get(Site.summaryXLSX, use: summaryXLSX)
        routes.post(Site.summaryApprove, use: approveSummary)
        routes.get(Site.classBookPDF, use: classBookPDF)
        routes.post(Site.homeroomGrid, use: saveHomeroom)
        routes.post(Site.homeroomGridDone, use: homeroomDone)
        routes.post(Site.homeroomGridUnlock, use: requestHomeroomUnlock)
    }

    func windowsPage(_ req: Request, form: FormState = FormState(), status: HTTPStatus = .ok) async throws -> Response {
        let caller = try req.caller()
        let year = try await req.domain.school.currentYear()
        let today = SchoolDate(Date())
        let rows = try await req.domain.assessment.windows(year: year.id, by: caller).map {
            AssessmentPages.WindowRow(
                grade: $0.grade, checkpoint: $0.checkpoint.label, opensOn: $0.opensOn.display, closesOn: $0.closesOn.display,
                open: $0.isOpen(on: today), updatedBy: $0.updatedBy)
        }
        let pending =
            caller.may(.controlAssessment)
            ? try await req.domain.assessment.pendingUnlocks(by: caller).map { request -> AssessmentPages.UnlockRow in
                let query: KeyValuePairs<String, String> = ["checkpoint": request.checkpoint.rawValue]
                return AssessmentPages.UnlockRow(
                    what: "\(request.subjectName) \(request.checkpoint.code) lớp \(request.className)", reason: request.reason,
                    requestedBy: request.requestedBy, requestedAt: Timestamps.display(request.requestedAt),
                    action: Site.unlockDecide(request.id),
                    gridPath: request.subjectID.map { Site.subjectGrid(request.classID, $0, query: query) }
                        ?? Site.homeroomGrid(request.classID, query: query))
            } : []
        let released = Set(try await req.domain.assessment.released(year: year.id, by: caller))
        return try await req.render(
            "assessment/windows",
            AssessmentPages.WindowsPage(
                pending: pending,
                released: Checkpoint.allCases.filter(released.contains).map(\.label),
                releasable: Checkpoint.allCases.filter { !released.contains($0) }.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: false)
                },
                layout: req.layout("Thời gian nhập sổ đánh giá", active: Site.subjects()), yearName: year.name, rows: rows,
                canControl: caller.may(.controlAssessment),
                grades: (1...5).map { SelectOption(value: String($0), label: "Khối \($0)", selected: form.values["grade"] == String($0)) },
                checkpoints: Checkpoint.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: form.values["checkpoint"] == $0.rawValue)
                },
                form: form), status: status)
    }

    @Sendable func windows(req: Request) async throws -> Response { try await windowsPage(req) }

    @Sendable func setWindow(req: Request) async throws -> Response {
        let form = try req.content.decode(AssessmentPages.WindowForm.self)
        let year = try await req.domain.school.currentYear()
        do {
            guard let checkpoint = form.checkpoint.flatMap(Checkpoint.init(rawValue:)) else {
                throw FieldProblems("checkpoint", "Vui lòng chọn kì đánh giá.")
            }
            let window = try await req.domain.assessment.setWindow(
                year: year.id, grade: FormInput.int(form.grade) ?? 0, checkpoint: checkpoint, opensOn: FormInput.date(form.opensOn),
                closesOn: FormInput.date(form.closesOn), by: req.caller())
            return req.redirect(
                to: Site.assessmentWindows(),
                flash:
                    "Đã mở nhập \(window.checkpoint.code) khối \(window.grade) từ \(window.opensOn.display) đến \(window.closesOn.display)."
            )
        } catch let problems as FieldProblems {
            let values = [
                "grade": form.grade ?? "", "checkpoint": form.checkpoint ?? "", "opensOn": form.opensOn ?? "",
                "closesOn": form.closesOn ?? "",
            ]
            return try await windowsPage(req, form: FormState(values: values, problems: problems), status: .unprocessableEntity)
        }
    }

    static func checkpoint(_ req: Request) -> Checkpoint {
        (try? req.query.get(String.self, at: "checkpoint")).flatMap(Checkpoint.init(rawValue:)) ?? .endTerm1
    }

    func render(
        _ req: Request, _ id: ClassID, _ subject: SubjectID, _ checkpoint: Checkpoint, typed: [String: String]? = nil,
        problems: FieldProblems = FieldProblems(), status: HTTPStatus = .ok
    ) async throws -> Response {
        let caller = try req.caller()
        let grid = try await req.domain.assessment.subjectGrid(class: id, subject: subject, checkpoint: checkpoint, by: caller)
        let query: KeyValuePairs<String, String> = ["checkpoint": checkpoint.rawValue]
        var layout = req.layout("Sổ đánh giá", active: Site.classes())
        if let notice = req.storage[UploadedNoticeKey.self] { layout.flash = Flash(kind: .info, message: notice) }
        var page = AssessmentPages.grid(
            grid, layout: layout, canWrite: caller.may(.writeSubjectResults(id, subject)),
            action: Site.subjectGrid(id, subject, query: query), donePath: Site.subjectGridDone(id, subject, query: query),
            unlockPath: Site.subjectGridUnlock(id, subject, query: query), xlsxPath: Site.subjectGridXLSX(id, subject, query: query),
            uploadPath: Site.subjectGridUpload(id, subject, query: query), typed: typed, problems: problems)
        page.signingPath = Site.summarySigning(id, query: query)
        if page.canWrite { page.phrases = try await req.domain.commentBank.phrases(by: caller).map(\.text) }
        return try await req.render("assessment/subject-grid", page, status: status)
    }

    @Sendable func grid(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let subject = try req.pathValue(SubjectID.self, "subject")
        if req.wantsJSON {
            let grid = try await req.domain.assessment.subjectGrid(
                class: id, subject: subject, checkpoint: Self.checkpoint(req), by: req.caller())
            return try LiveGridState(grid).response()
        }
        return try await render(req, id, subject, Self.checkpoint(req))
    }

    /// Saves the whole grid (a form without script) or the lines the page's script sends as the teacher types, each
    /// with the version it was typed on; the script gets the saved state back as JSON, conflicts included.
    @Sendable func save(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let subject = try req.pathValue(SubjectID.self, "subject")
        let checkpoint = Self.checkpoint(req)
        let form = try req.content.decode([String: String].self)
        let (entries, problems) = Self.entries(form)
        let assessment = req.domain.assessment
        do {
            try problems.throwIfAny()
            let saved = try await assessment.saveSubject(
                class: id, subject: subject, checkpoint: checkpoint, entries: entries, by: req.caller())
            if req.wantsJSON { return try LiveGridState(saved).response() }
            return req.redirect(to: Site.subjectGrid(id, subject, query: ["checkpoint": checkpoint.rawValue]), flash: "Đã lưu sổ đánh giá.")
        } catch let problems as FieldProblems {
            if req.wantsJSON {
                let grid = try await assessment.subjectGrid(class: id, subject: subject, checkpoint: checkpoint, by: req.caller())
                return try LiveGridState(grid, problems: problems).response(status: .unprocessableEntity)
            }
            return try await render(req, id, subject, checkpoint, typed: form, problems: problems, status: .unprocessableEntity)
        }
    }

    /// The entries a grid form (or a workbook read as one) holds, and the scores that are not whole numbers.
    static func entries(_ form: [String: String]) -> ([SubjectEntry], FieldProblems) {
        var entries: [SubjectEntry] = []
        var problems = FieldProblems()
        for (key, value) in form where key.hasPrefix("level-") {
            guard let student = StudentID(String(key.dropFirst(6))) else { continue }
            let scoreText = (form["score-\(student)"] ?? "").trimmingCharacters(in: .whitespaces)
            let score = Int(scoreText)
            if !scoreText.isEmpty && score == nil { problems.add("pupil-\(student)-score", "Điểm “\(scoreText)” phải là số nguyên.") }
            entries.append(
                SubjectEntry(
                    studentID: student, level: value.isEmpty ? nil : value, score: score, comment: form["comment-\(student)"] ?? "",
                    base: AssessmentPages.base(form, student)))
        }
        return (entries, problems)
    }

    @Sendable func workbook(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let subject = try req.pathValue(SubjectID.self, "subject")
        let grid = try await req.domain.assessment.subjectGrid(
            class: id, subject: subject, checkpoint: Self.checkpoint(req), by: req.caller())
        return try await XLSXResponse.make("so-danh-gia-\(grid.className)-\(grid.subject.code)-\(grid.checkpoint.code).xlsx", on: req) {
            try AssessmentWorkbooks.subjectGrid(grid)
        }
    }

    /// A filled workbook shown as the grid, every value checked, nothing saved until the teacher presses Lưu.
    @Sendable func upload(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let subject = try req.pathValue(SubjectID.self, "subject")
        let checkpoint = Self.checkpoint(req)
        let file = try? req.content.get(File.self, at: "file")
        guard let file, file.data.readableBytes > 0 else {
            return try await render(
                req, id, subject, checkpoint, problems: FieldProblems("file", "Vui lòng chọn tệp Excel đã điền."),
                status: .unprocessableEntity)
        }
        switch AssessmentWorkbooks.formValues(Array(file.data.readableBytesView)) {
        case .failure(let unreadable):
            return try await render(
                req, id, subject, checkpoint, problems: FieldProblems("file", unreadable.message), status: .unprocessableEntity)
        case .success(let values):
            var (entries, problems) = Self.entries(values)
            let checked = try await req.domain.assessment.checkSubject(
                class: id, subject: subject, checkpoint: checkpoint, entries: entries, by: req.caller())
            for problem in checked.list { problems.add(problem.field, problem.message) }
            req.storage[UploadedNoticeKey.self] =
                "Đã đọc \(entries.count) dòng từ tệp \(file.filename). Kiểm tra rồi bấm Lưu; chưa có gì được lưu."
            return try await render(
                req, id, subject, checkpoint, typed: values, problems: problems, status: problems.isEmpty ? .ok : .unprocessableEntity)
        }
    }

    @Sendable func done(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let subject = try req.pathValue(SubjectID.self, "subject")
        let checkpoint = Self.checkpoint(req)
        let target = Site.subjectGrid(id, subject, query: ["checkpoint": checkpoint.rawValue])
        return try await req.redirect(to: target, done: "Đã đánh dấu hoàn thành; sổ đã khoá.") {
            try await req.domain.assessment.markSubjectDone(class: id, subject: subject, checkpoint: checkpoint, by: req.caller())
        }
    }

    @Sendable func requestUnlock(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let subject = try req.pathValue(SubjectID.self, "subject")
        let checkpoint = Self.checkpoint(req)
        let reason = (try? req.content.get(String.self, at: "reason")) ?? ""
        do {
            try await req.domain.assessment.requestUnlock(
                class: id, subject: subject, checkpoint: checkpoint, reason: reason, by: req.caller())
            return req.redirect(
                to: Site.subjectGrid(id, subject, query: ["checkpoint": checkpoint.rawValue]),
                flash: "Đã gửi đề nghị mở khoá cho hiệu trưởng.")
        } catch let problems as FieldProblems {
            return try await render(req, id, subject, checkpoint, problems: problems, status: .unprocessableEntity)
        }
    }

    @Sendable func decideUnlock(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self)
        let approve = (try? req.content.get(String.self, at: "decision")) == "approve"
        let note = (try? req.content.get(String.self, at: "note")) ?? ""
        do {
            let request = try await req.domain.assessment.decideUnlock(id, approve: approve, note: note, by: req.caller())
            let verb = approve ? "Đã đồng ý mở khoá" : "Đã không đồng ý mở khoá"
            return req.redirect(to: Site.assessmentWindows(), flash: "\(verb) \(request.subjectName) lớp \(request.className).")
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.assessmentWindows(), flash: problems.list.first?.message ?? "", kind: .error)
        }
    }

    @Sendable func release(req: Request) async throws -> Response {
        let year = try await req.domain.school.currentYear()
        guard let checkpoint = (try? req.content.get(String.self, at: "checkpoint")).flatMap(Checkpoint.init(rawValue:)) else {
            return req.redirect(to: Site.assessmentWindows(), flash: "Vui lòng chọn kì đánh giá.", kind: .error)
        }
        return try await req.redirect(to: Site.assessmentWindows(), done: "Đã công bố kết quả \(checkpoint.label) cho phụ huynh.") {
            try await req.domain.assessment.release(year: year.id, checkpoint: checkpoint, by: req.caller())
        }
    }

    /// Who has not yet entered what, at a checkpoint, for the principal.
    @Sendable func progress(req: Request) async throws -> Response {
        let caller = try req.caller()
        let year = try await req.domain.school.currentYear()
        let checkpoint = Self.checkpoint(req)
        let lines = try await req.domain.assessment.completion(year: year.id, checkpoint: checkpoint, by: caller)
        return try await req.render(
            "assessment/completion",
            AssessmentPages.completion(
                lines, layout: req.layout("Tiến độ nhập sổ đánh giá", active: Site.subjects()), yearName: year.name, checkpoint: checkpoint)
        )
    }
}
