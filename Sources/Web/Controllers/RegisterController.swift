import Fluent
import Records
import Vapor

/// The enrollment register on pages: a class roster, a pupil's entry with its correction history, a correction
/// request (clerk), and the principal's approvals.
struct RegisterController: RouteCollection {
    struct RosterRow: Encodable {
        let position: Int
        let name: String
        let birthDate: String
        let sex: String
        let number: String
        let href: String
    }

    struct RosterPage: Encodable {
        let layout: Layout
        let className: String
        let yearName: String
        let teacher: String
        let rows: [RosterRow]
        let pdfPath: String
    }

    struct Line: Encodable {
        let label: String
        let value: String
    }

    struct CorrectionRow: Encodable {
        let id: String
        let number: String
        let status: String
        let reason: String
        let changes: [String]
        let requestedBy: String
        let requestedAt: String
        let pending: Bool
    }

    struct EntryPage: Encodable {
        let layout: Layout
        let number: String
        let name: String
        let lines: [Line]
        let corrections: [CorrectionRow]
        let canRequest: Bool
        let action: String
        let version: Int
        let form: FormState
    }

    struct PendingPage: Encodable {
        let layout: Layout
        let corrections: [CorrectionRow]
        let canApprove: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("school", "classes", ":id", "roster", use: roster)
        routes.get("register", "students", ":id", use: entry)
        routes.post("register", "students", ":id", "corrections", use: request)
        routes.get("register", "corrections", use: pending)
        routes.post("register", "corrections", ":id", "approve", use: approve)
        routes.post("register", "corrections", ":id", "reject", use: reject)
    }

    @Sendable func roster(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(ClassID.init) else { throw RecordsError.notFound }
        let roster = try await RosterService(database: req.db).roster(class: id, by: req.caller())
        let rows = roster.lines.map {
            RosterRow(position: $0.position, name: $0.name.full, birthDate: $0.birthDate.display, sex: $0.sex.label,
                      number: $0.registerNumberText, href: "/register/students/\($0.studentID)")
        }
        return try await req.render("register/roster", RosterPage(
            layout: req.layout("Danh sách lớp \(roster.className)", active: Paths.classes), className: roster.className, yearName: roster.yearName,
            teacher: roster.homeroomTeacherName ?? "", rows: rows, pdfPath: "/school/classes/\(id)/roster.pdf"))
    }

    static func correctionRow(_ correction: RegisterCorrection, number: String) -> CorrectionRow {
        CorrectionRow(id: correction.id.description, number: number, status: correction.status.rawValue, reason: correction.reason,
                      changes: correction.changedFields, requestedBy: correction.requestedBy, requestedAt: Timestamps.display(correction.requestedAt),
                      pending: correction.status == .pending)
    }

    func entryPage(_ req: Request, _ student: StudentID, form: FormState? = nil) async throws -> EntryPage {
        let caller = try req.caller()
        let register = RegisterService(database: req.db)
        guard let entry = try await register.entry(for: student, by: caller) else { throw RecordsError.notFound }
        let d = entry.details
        let lines = [("Số đăng bộ", entry.numberText), ("Họ và tên", d.name.full), ("Ngày sinh", d.birthDate.display), ("Giới tính", d.sex.label),
                     ("Dân tộc", d.ethnicity), ("Nơi sinh", d.placeOfBirth), ("Nơi ở", d.address), ("Cha", d.fatherName), ("Mẹ", d.motherName),
                     ("Người giám hộ", d.guardianName), ("Ngày vào trường", d.entryDate.display), ("Hình thức", d.route.label), ("Ghi chú", d.notes)]
            .map { Line(label: $0.0, value: $0.1) }
        let corrections = try await register.corrections(of: entry.id, by: caller).map { Self.correctionRow($0, number: entry.numberText) }
        let values = ["family": d.name.family, "middle": d.name.middle, "given": d.name.given, "birthDate": d.birthDate.display,
                      "placeOfBirth": d.placeOfBirth, "address": d.address, "ethnicity": d.ethnicity, "notes": d.notes, "reason": ""]
        return EntryPage(layout: req.layout("Sổ đăng bộ số \(entry.numberText)", active: Paths.classes), number: entry.numberText,
                         name: d.name.full, lines: lines, corrections: corrections, canRequest: caller.may(.writeRegister),
                         action: "/register/students/\(student)/corrections", version: entry.version, form: form ?? FormState(values: values))
    }

    func studentID(_ req: Request) throws -> StudentID {
        guard let id = req.parameters.get("id").flatMap(StudentID.init) else { throw RecordsError.notFound }
        return id
    }

    @Sendable func entry(req: Request) async throws -> Response {
        try await req.render("register/entry", entryPage(req, studentID(req)))
    }

    struct RequestForm: Content {
        var family: String?
        var middle: String?
        var given: String?
        var birthDate: String?
        var placeOfBirth: String?
        var address: String?
        var ethnicity: String?
        var notes: String?
        var reason: String?
        var version: String?
    }

    @Sendable func request(req: Request) async throws -> Response {
        let student = try studentID(req)
        let caller = try req.caller()
        let form = try req.content.decode(RequestForm.self)
        let register = RegisterService(database: req.db)
        guard let entry = try await register.entry(for: student, by: caller) else { throw RecordsError.notFound }
        var details = entry.details
        details.name = PersonName(family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? "", familyLast: details.name.familyLast)
        details.placeOfBirth = form.placeOfBirth ?? ""
        details.address = form.address ?? ""
        details.ethnicity = form.ethnicity ?? ""
        details.notes = form.notes ?? ""
        var problems = FieldProblems()
        if let date = FormInput.date(form.birthDate) { details.birthDate = date } else { problems.add("birthDate", "Nhập ngày sinh dạng dd/mm/yyyy.") }
        do {
            try problems.throwIfAny()
            try await register.requestCorrection(entry.id, to: details, reason: form.reason ?? "", version: FormInput.int(form.version) ?? -1, by: caller)
        } catch let problems as FieldProblems {
            let values = ["family": form.family ?? "", "middle": form.middle ?? "", "given": form.given ?? "", "birthDate": form.birthDate ?? "",
                          "placeOfBirth": form.placeOfBirth ?? "", "address": form.address ?? "", "ethnicity": form.ethnicity ?? "",
                          "notes": form.notes ?? "", "reason": form.reason ?? ""]
            return try await req.render("register/entry", entryPage(req, student, form: FormState(values: values, problems: problems)),
                                        status: .unprocessableEntity)
        }
        return req.redirect(to: "/register/students/\(student)", flash: "Đã gửi đề nghị sửa sổ đăng bộ; chờ hiệu trưởng duyệt.")
    }

    @Sendable func pending(req: Request) async throws -> Response {
        let caller = try req.caller()
        let register = RegisterService(database: req.db)
        var rows: [CorrectionRow] = []
        for correction in try await register.pendingCorrections(by: caller) {
            let entry = try await register.entry(correction.entryID, by: caller)
            rows.append(Self.correctionRow(correction, number: entry.numberText))
        }
        return try await req.render("register/corrections", PendingPage(layout: req.layout("Duyệt sửa sổ đăng bộ"), corrections: rows,
                                                                        canApprove: caller.may(.approveCorrections)))
    }

    struct DecisionForm: Content {
        var note: String?
    }

    @Sendable func approve(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(RegisterCorrectionID.init) else { throw RecordsError.notFound }
        let entry = try await RegisterService(database: req.db).approveCorrection(id, note: try req.content.decode(DecisionForm.self).note ?? "",
                                                                                 by: req.caller())
        return req.redirect(to: "/register/corrections", flash: "Đã duyệt sửa sổ đăng bộ số \(entry.numberText).")
    }

    @Sendable func reject(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(RegisterCorrectionID.init) else { throw RecordsError.notFound }
        do {
            try await RegisterService(database: req.db).rejectCorrection(id, note: try req.content.decode(DecisionForm.self).note ?? "", by: req.caller())
        } catch let problems as FieldProblems {
            return req.redirect(to: "/register/corrections", flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: "/register/corrections", flash: "Đã không duyệt đề nghị sửa.")
    }
}
