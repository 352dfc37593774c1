import Fluent
import Records
import Vapor

/// The enrollment register on pages: a class roster, a pupil's entry with its correction history, a correction
/// request (clerk), and the principal's approvals.
struct RegisterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.roster, use: roster)
        routes.get(Site.rosterXLSX, use: rosterWorkbook)
        routes.get(Site.registerEntry, use: entry)
        routes.post(Site.registerCorrectionRequest, use: request)
        routes.get(Site.corrections, use: pending)
        routes.post(Site.correctionApprove, use: approve)
        routes.post(Site.correctionReject, use: reject)
    }

    @Sendable func roster(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let caller = try req.caller()
        let roster = try await req.domain.rosters.roster(class: id, by: caller)
        let current = try await req.domain.school.currentYear().name == roster.yearName
        let promotes = current && (caller.may(.manageSchool) || caller.may(.writeClassRecords(id)))
        let rows = roster.lines.map {
            RegisterPages.RosterRow(
                position: $0.position, name: $0.name.full, birthDate: $0.birthDate.display, sex: $0.sex.label,
                number: $0.registerNumberText, href: Site.registerEntry($0.studentID), note: $0.note,
                movementsPath: Site.movements($0.studentID))
        }
        return try await req.render(
            "register/roster",
            RegisterPages.RosterPage(
                layout: req.layout("Danh sách lớp \(roster.className)", active: Site.classes()), className: roster.className,
                yearName: roster.yearName,
                teacher: roster.homeroomTeacherName ?? "", rows: rows, pdfPath: Site.rosterPDF(id), xlsxPath: Site.rosterXLSX(id),
                counts: roster.counts, attendancePath: Site.attendance(id), assessmentPath: Site.homeroomGrid(id),
                resultsPath: Site.yearResults(id),
                promotionPath: promotes ? Site.promotion(id) : ""))
    }

    @Sendable func rosterWorkbook(req: Request) async throws -> Response {
        let roster = try await req.domain.rosters.roster(class: req.pathValue(ClassID.self), by: req.caller())
        return try await XLSXResponse.make("danh-sach-lop-\(roster.className)-\(roster.yearName).xlsx", on: req) {
            try RegisterWorkbooks.roster(roster)
        }
    }

    static func correctionRow(_ correction: RegisterCorrection, number: String) -> RegisterPages.CorrectionRow {
        RegisterPages.CorrectionRow(
            id: correction.id.description, approvePath: Site.correctionApprove(correction.id),
            rejectPath: Site.correctionReject(correction.id), number: number, status: correction.status.rawValue, reason: correction.reason,
            changes: correction.changedFields, requestedBy: correction.requestedBy, requestedAt: Timestamps.display(correction.requestedAt),
            pending: correction.status == .pending)
    }

    func entryPage(_ req: Request, _ student: StudentID, form: FormState? = nil) async throws -> RegisterPages.EntryPage {
        let caller = try req.caller()
        let register = req.domain.register
        guard let entry = try await register.entry(for: student, by: caller) else { throw RecordsError.notFound }
        let d = entry.details
        let lines = [
            ("Số đăng bộ", entry.numberText), ("Họ và tên", d.name.full), ("Ngày sinh", d.birthDate.display), ("Giới tính", d.sex.label),
            ("Mã định danh", d.personalID), ("Dân tộc", d.ethnicity), ("Nơi sinh", d.placeOfBirth), ("Quê quán", d.hometown),
            ("Nơi ở", d.address), ("Cha", d.fatherName), ("Mẹ", d.motherName),
            ("Người giám hộ", d.guardianName), ("Ngày vào trường", d.entryDate.display), ("Hình thức", d.route.label), ("Ghi chú", d.notes),
        ]
        .map { RegisterPages.Line(label: $0.0, value: $0.1) }
        let corrections = try await register.corrections(of: entry.id, by: caller).map { Self.correctionRow($0, number: entry.numberText) }
        let values = [
            "family": d.name.family, "middle": d.name.middle, "given": d.name.given, "birthDate": d.birthDate.display,
            "sex": d.sex.rawValue, "personalID": d.personalID, "hometown": d.hometown, "fatherName": d.fatherName,
            "motherName": d.motherName, "guardianName": d.guardianName,
            "placeOfBirth": d.placeOfBirth, "address": d.address, "ethnicity": d.ethnicity, "notes": d.notes, "reason": "",
        ]
        return RegisterPages.EntryPage(
            layout: req.layout("Sổ đăng bộ số \(entry.numberText)", active: Site.classes()), number: entry.numberText,
            name: d.name.full, lines: lines, corrections: corrections,
            canRequest: try await register.mayRequestCorrection(of: student, by: caller),
            action: Site.registerCorrectionRequest(student), version: entry.version, form: form ?? FormState(values: values),
            handover: caller.may(.readRegister) ? Site.handoverBundle(student) : nil)
    }

    func studentID(_ req: Request) throws -> StudentID {
        let id = try req.pathValue(StudentID.self)
        return id
    }

    @Sendable func entry(req: Request) async throws -> Response {
        try await req.render("register/entry", entryPage(req, studentID(req)))
    }

    @Sendable func request(req: Request) async throws -> Response {
        let student = try studentID(req)
        let caller = try req.caller()
        let form = try req.content.decode(RegisterPages.RequestForm.self)
        let register = req.domain.register
        guard let entry = try await register.entry(for: student, by: caller) else { throw RecordsError.notFound }
        var details = entry.details
        details.name = PersonName(
            family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? "", familyLast: details.name.familyLast)
        details.placeOfBirth = form.placeOfBirth ?? ""
        details.sex = form.sex.flatMap(Sex.init(rawValue:)) ?? details.sex
        details.personalID = form.personalID ?? ""
        details.hometown = form.hometown ?? ""
        details.fatherName = form.fatherName ?? ""
        details.motherName = form.motherName ?? ""
        details.guardianName = form.guardianName ?? ""
        details.address = form.address ?? ""
        details.ethnicity = form.ethnicity ?? ""
        details.notes = form.notes ?? ""
        var problems = FieldProblems()
        if let date = FormInput.date(form.birthDate) {
            details.birthDate = date
        } else {
            problems.add("birthDate", "Nhập ngày sinh dạng dd/mm/yyyy.")
        }
        do {
            try problems.throwIfAny()
            try await register.requestCorrection(
                entry.id, to: details, reason: form.reason ?? "", version: FormInput.int(form.version) ?? -1, by: caller)
        } catch let problems as FieldProblems {
            let values = [
                "family": form.family ?? "", "middle": form.middle ?? "", "given": form.given ?? "", "birthDate": form.birthDate ?? "",
                "sex": form.sex ?? "", "personalID": form.personalID ?? "", "hometown": form.hometown ?? "",
                "fatherName": form.fatherName ?? "", "motherName": form.motherName ?? "", "guardianName": form.guardianName ?? "",
                "placeOfBirth": form.placeOfBirth ?? "", "address": form.address ?? "", "ethnicity": form.ethnicity ?? "",
                "notes": form.notes ?? "", "reason": form.reason ?? "",
            ]
            return try await req.render(
                "register/entry", entryPage(req, student, form: FormState(values: values, problems: problems)),
                status: .unprocessableEntity)
        }
        return req.redirect(to: Site.registerEntry(student), flash: "Đã gửi đề nghị sửa sổ đăng bộ; chờ hiệu trưởng duyệt.")
    }

    @Sendable func pending(req: Request) async throws -> Response {
        let caller = try req.caller()
        let register = req.domain.register
        var rows: [RegisterPages.CorrectionRow] = []
        for correction in try await register.pendingCorrections(by: caller) {
            let entry = try await register.entry(correction.entryID, by: caller)
            rows.append(Self.correctionRow(correction, number: entry.numberText))
        }
        return try await req.render(
            "register/corrections",
            RegisterPages.PendingPage(
                layout: req.layout("Duyệt sửa sổ đăng bộ"), corrections: rows,
                canApprove: caller.may(.approveCorrections),
                importPath: caller.may(.writeRegister) ? Site.pupilImport() : nil,
                transferInPath: caller.may(.writeRegister) ? Site.transferIn() : nil))
    }

    @Sendable func approve(req: Request) async throws -> Response {
        let id = try req.pathValue(RegisterCorrectionID.self)
        let entry = try await req.domain.register.approveCorrection(
            id, note: try req.content.decode(RegisterPages.DecisionForm.self).note ?? "",
            by: req.caller())
        return req.redirect(to: Site.corrections(), flash: "Đã duyệt sửa sổ đăng bộ số \(entry.numberText).")
    }

    @Sendable func reject(req: Request) async throws -> Response {
        let id = try req.pathValue(RegisterCorrectionID.self)
        do {
            try await req.domain.register.rejectCorrection(
                id, note: try req.content.decode(RegisterPages.DecisionForm.self).note ?? "", by: req.caller())
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.corrections(), flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: Site.corrections(), flash: "Đã không duyệt đề nghị sửa.")
    }
}
