import Documents
import Records
import Vapor

/// The class's year-end results and what follows them: the homeroom teacher's "Tiêu biểu" nomination and support
/// plan, the supplementary assessment, and the principal's decisions. Each form stands in its pupil's row; a refused
/// one comes back with its message there and what was typed.
struct YearEndController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.yearResults, use: results)
        routes.post(Site.yearEndNominate, use: nominate)
        routes.post(Site.yearEndNomination, use: decideNomination)
        routes.post(Site.yearEndSupport, use: support)
        routes.post(Site.yearEndRetest, use: retest)
        routes.post(Site.yearEndDecision, use: decide)
        routes.get(Site.transcriptPDF, use: transcript)
        routes.post(Site.transcriptSign, body: .collect(maxSize: "1mb"), use: sign)
    }

    /// The homeroom teacher (then the principal) signs the class's học bạ with their PKCS#12 and its passphrase,
    /// which are used for this request only.
    @Sendable func sign(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let caller = try req.caller()
        let chosen = (try? req.content.get(String.self, at: "stage")).flatMap(SigningStage.init(rawValue:)) ?? .teacher
        do {
            let identity: SigningIdentity
            if chosen == .principal, (try? req.content.get(String.self, at: "seal")) == "school" {
                // The principal seals with the school's seal that hoso keeps.
                guard let seal = try await req.domain.keys.seal() else {
                    throw FieldProblems("file", "Trường chưa có con dấu số (trang Chữ ký số).")
                }
                identity = seal
            } else {
                identity = try req.uploadedIdentity()
            }
            let report = try await req.domain.transcriptSigning.signClass(id, identity: identity, as: chosen, by: caller)
            let skipped =
                report.skipped.isEmpty ? "" : " Chưa ký \(report.skipped.count): \(report.skipped.prefix(3).joined(separator: "; "))."
            return req.redirect(to: Site.yearResults(id), flash: "Đã ký \(report.signed) học bạ.\(skipped)")
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.yearResults(id), flash: problems.list.first?.message ?? "", kind: .error)
        }
    }

    /// One pupil's học bạ for the class's year as PDF/A-2b (a draft while values are missing).
    @Sendable func transcript(req: Request) async throws -> Response {
        let (student, id) = (try req.pathValue(StudentID.self, "student"), try req.pathValue(ClassID.self))
        let transcript = try await req.domain.transcripts.transcript(of: student, class: id, by: req.caller())
        if let signed = try await req.domain.transcriptSigning.file(of: student, class: id, by: req.caller()) {
            return try await PrintoutsController.pdf(filename: "hoc-ba-\(transcript.className)-\(transcript.registerNumber).pdf", on: req) {
                signed
            }
        }
        return try await PrintoutsController.pdf(filename: "hoc-ba-\(transcript.className)-\(transcript.registerNumber).pdf", on: req) {
            try TranscriptPrintout.pdf(transcript, printedOn: SchoolDate(Date()))
        }
    }

    func page(
        _ req: Request, _ id: ClassID, refused: AssessmentPages.Refusal? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let caller = try req.caller()
        let roster = try await req.domain.rosters.roster(class: id, by: caller)
        let lines = try await req.domain.assessment.yearResults(class: id, by: caller)
        let grade = try await req.domain.classes.get(id, by: caller).grade
        let subjects = try await req.domain.subjects.list(grade: grade, by: caller).filter {
            $0.status == .compulsory && $0.isActive && caller.may(.writeSubjectResults(id, $0.id))
        }
        var page = AssessmentPages.results(
            lines, class: id, layout: req.layout("Kết quả cuối năm lớp \(roster.className)", active: Site.classes()),
            className: roster.className, yearName: roster.yearName,
            may: .init(write: caller.may(.writeClassRecords(id)), control: caller.may(.controlAssessment)), retestSubjects: subjects,
            refused: refused)
        let signed = try await req.domain.transcriptSigning.signed(class: id, by: caller)
        for index in page.rows.indices {
            if let done = signed[lines[index].studentID] { page.rows[index].signed = "Đã ký: \(done.signers.joined(separator: "; "))" }
        }
        page.signAction = Site.transcriptSign(id)
        page.schoolSeal = caller.may(.controlAssessment) ? try await req.domain.keys.seal()?.commonName : nil
        if caller.may(.writeClassRecords(id)) && !caller.may(.controlAssessment) {
            page.signing.append(.init(stage: "teacher", title: "Giáo viên chủ nhiệm ký học bạ cả lớp", button: "Ký học bạ"))
        }
        if caller.may(.controlAssessment) {
            page.signing.append(.init(stage: "principal", title: "Hiệu trưởng ký, đóng dấu học bạ cả lớp", button: "Ký, đóng dấu học bạ"))
        }
        return try await req.render("assessment/results", page, status: status)
    }

    @Sendable func results(req: Request) async throws -> Response { try await page(req, req.pathValue(ClassID.self)) }

    /// Runs `change` for the pupil in the path; back to the results with `done`, or the page again with the refusal in
    /// the pupil's row.
    func act(
        _ req: Request, form: String, done: String,
        _ change: (AssessmentService, StudentID, ClassID, [String: String], Caller) async throws -> Void
    ) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let student = try req.pathValue(StudentID.self, "student")
        let values = try req.content.decode([String: String].self)
        do {
            try await change(req.domain.assessment, student, id, values, try req.caller())
            return req.redirect(to: Site.yearResults(id) + "#pupil-\(student)", flash: done)
        } catch let problems as FieldProblems {
            let refusal = AssessmentPages.Refusal(
                student: student, form: form, message: problems.list.first?.message ?? "", values: values)
            return try await page(req, id, refused: refusal, status: .unprocessableEntity)
        }
    }

    @Sendable func nominate(req: Request) async throws -> Response {
        try await act(req, form: "nominate", done: "Đã gửi đề nghị khen thưởng Tiêu biểu cho hiệu trưởng.") {
            book, student, id, form, caller in
            try await book.nominate(student, class: id, achievement: form["achievement"] ?? "", by: caller)
        }
    }

    @Sendable func decideNomination(req: Request) async throws -> Response {
        try await act(req, form: "nomination", done: "Đã ghi quyết định khen thưởng.") { book, student, id, form, caller in
            try await book.decideNomination(
                student, class: id, approve: form["decision"] == "approve", note: form["note"] ?? "", by: caller)
        }
    }

    @Sendable func support(req: Request) async throws -> Response {
        try await act(req, form: "support", done: "Đã lưu kế hoạch giúp đỡ.") { book, student, id, form, caller in
            try await book.setSupportPlan(student, class: id, plan: form["plan"] ?? "", by: caller)
        }
    }

    @Sendable func retest(req: Request) async throws -> Response {
        try await act(req, form: "retest", done: "Đã lưu kết quả đánh giá bổ sung.") { book, student, id, form, caller in
            guard let subject = form["subject"].flatMap(SubjectID.init) else {
                throw FieldProblems("subject", "Chọn môn đánh giá bổ sung.")
            }
            let scoreText = (form["score"] ?? "").trimmingCharacters(in: .whitespaces)
            let score = Int(scoreText)
            if !scoreText.isEmpty && score == nil { throw FieldProblems("score", "Điểm “\(scoreText)” phải là số nguyên.") }
            let level = form["level"].flatMap { $0.isEmpty ? nil : $0 }
            try await book.saveRetest(student, class: id, subject: subject, level: level, score: score, by: caller)
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        try await act(req, form: "decision", done: "Đã ghi quyết định của hiệu trưởng.") { book, student, id, form, caller in
            guard let choice = form["decision"], ["promote", "repeat"].contains(choice) else {
                throw FieldProblems("decision", "Chọn lên lớp hoặc ở lại lớp.")
            }
            try await book.decidePromotion(student, class: id, promotes: choice == "promote", note: form["note"] ?? "", by: caller)
        }
    }
}
