import Admissions
import Fluent
import Records
import Vapor

/// Kindergarten lists: upload, preview with every bad row, import all or nothing; children and their codes.
struct ListsController: RouteCollection {
    struct UploadForm: Content {
        var kindergartenID: String?
        var file: File?
    }

    struct ImportPage: Encodable {
        let layout: Layout
        let campaignTitle: String
        let action: String
        let kindergartens: [SelectOption]
        let form: FormState
        let preview: PreviewModel?
        /// Values of the "add one child" form when it comes back with problems.
        var childValues: [String: String] = [:]
        let childAction: String
    }

    struct PreviewRow: Encodable {
        let line: Int
        let name: String
        let birthDate: String
        let gender: String
        let personalID: String
        let parent: String
        let problems: [String]
    }

    struct PreviewModel: Encodable {
        let filename: String
        let rows: [PreviewRow]
        let badCount: Int
        let importable: Bool
        let commitPath: String?
    }

    struct ChildRow: Encodable {
        let name: String
        let birthDate: String
        let gender: String
        let kindergarten: String
        let parent: String
        let code: String
        let reissuePath: String?
        let source: String
    }

    struct ChildrenPage: Encodable {
        let layout: Layout
        let campaignTitle: String
        let campaignPath: String
        let rows: [ChildRow]
        let query: String
        let canLists: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let campaigns = routes.grouped("admissions", "campaigns", ":id")
        campaigns.get("import", use: showImport)
        campaigns.on(.POST, "import", body: .collect(maxSize: "6mb"), use: upload)
        campaigns.get("children", use: children)
        campaigns.post("children", use: addChild)
        routes.post("admissions", "imports", ":batch", "commit", use: commit)
        routes.post("admissions", "codes", ":code", "reissue", use: reissue)
    }

    func campaignID(_ req: Request) throws -> CampaignID {
        guard let id = req.parameters.get("id").flatMap(CampaignID.init) else { throw RecordsError.notFound }
        return id
    }

    func importPage(_ req: Request, _ id: CampaignID, selected: String = "", problems: FieldProblems = .init(),
                    preview: PreviewModel? = nil) async throws -> ImportPage {
        let caller = try req.caller()
        try caller.require(.admissionLists)
        let campaign = try await CampaignService(database: req.db).get(id)
        let kgs = try await ListService(database: req.db).kindergartens(of: id, by: caller)
        return ImportPage(layout: req.layout("Nhập danh sách trẻ", active: AdmissionPaths.campaigns), campaignTitle: campaign.title,
                          action: AdmissionPaths.importList(id),
                          kindergartens: kgs.map { SelectOption(value: $0.id.description, label: $0.name, selected: $0.id.description == selected) },
                          form: FormState(values: ["kindergartenID": selected], problems: problems), preview: preview,
                          childAction: AdmissionPaths.children(id))
    }

    @Sendable func showImport(req: Request) async throws -> Response {
        try await req.render("admissions/import", importPage(req, campaignID(req)))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let caller = try req.caller()
        let form = try req.content.decode(UploadForm.self)
        var problems = FieldProblems()
        let kindergarten = form.kindergartenID.flatMap(KindergartenID.init)
        if kindergarten == nil { problems.add("kindergartenID", "Vui lòng chọn trường mầm non.") }
        guard let file = form.file, file.data.readableBytes > 0 else {
            problems.add("file", "Vui lòng chọn tệp danh sách (Excel hoặc CSV).")
            return try await req.render("admissions/import", importPage(req, id, selected: form.kindergartenID ?? "", problems: problems),
                                        status: .unprocessableEntity)
        }
        guard let kindergarten, problems.isEmpty else {
            return try await req.render("admissions/import", importPage(req, id, selected: form.kindergartenID ?? "", problems: problems),
                                        status: .unprocessableEntity)
        }
        let bytes = Array(file.data.readableBytesView)
        let (batch, preview) = try await ListService(database: req.db).preview(campaign: id, kindergarten: kindergarten,
                                                                              filename: file.filename, bytes: bytes, by: caller)
        if let fileProblem = preview.fileProblem {
            return try await req.render("admissions/import", importPage(req, id, selected: kindergarten.description,
                                                                        problems: FieldProblems("file", fileProblem)),
                                        status: .unprocessableEntity)
        }
        let model = PreviewModel(
            filename: file.filename,
            rows: preview.rows.map { row in
                PreviewRow(line: row.line, name: row.child.name.full, birthDate: row.child.birthDate?.display ?? "",
                           gender: row.child.gender?.label ?? "", personalID: row.child.personalID, parent: row.child.parentName,
                           problems: row.problems)
            },
            badCount: preview.badRows.count, importable: preview.isImportable,
            commitPath: preview.isImportable ? batch.map(AdmissionPaths.importCommit) : nil)
        return try await req.render("admissions/import", importPage(req, id, selected: kindergarten.description, preview: model),
                                    status: preview.isImportable ? .ok : .unprocessableEntity)
    }

    @Sendable func commit(req: Request) async throws -> Response {
        guard let batch = req.parameters.get("batch").flatMap(UUID.init(uuidString:)) else { throw RecordsError.notFound }
        let caller = try req.caller()
        let count = try await ListService(database: req.db).commit(batch: batch, by: caller)
        let campaign = try await ListService(database: req.db).campaign(ofBatch: batch)
        return req.redirect(to: AdmissionPaths.children(campaign), flash: "Đã nhập \(count) trẻ và cấp \(count) mã đăng ký.")
    }

    @Sendable func children(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let caller = try req.caller()
        let campaign = try await CampaignService(database: req.db).get(id)
        let query = (try? req.query.get(String.self, at: "q")) ?? ""
        let canLists = caller.may(.admissionLists)
        let rows = try await ListService(database: req.db).children(of: id, search: query, by: caller).map { child in
            ChildRow(name: child.entry.name.full, birthDate: child.entry.birthDate?.display ?? "", gender: child.entry.gender?.label ?? "",
                     kindergarten: child.kindergartenName, parent: child.entry.parentName, code: child.code?.display ?? "",
                     reissuePath: canLists ? child.code.map(AdmissionPaths.reissue) : nil,
                     source: child.source == "walkIn" ? "Cấp tại bàn" : child.source == "manual" ? "Thêm tại trường" : "Danh sách")
        }
        return try await req.render("admissions/children", ChildrenPage(
            layout: req.layout("Trẻ và mã đăng ký", active: AdmissionPaths.campaigns), campaignTitle: campaign.title,
            campaignPath: AdmissionPaths.campaign(id), rows: rows, query: query, canLists: canLists))
    }

    struct ChildForm: Content {
        var kindergartenID: String?
        var family: String?
        var middle: String?
        var given: String?
        var familyLast: String?
        var birthDate: String?
        var gender: String?
        var personalID: String?
        var parentName: String?
        var parentPhone: String?
        var olderReason: String?
    }

    /// Adds one child to a kindergarten's list (a child missing from the file) and issues the code.
    @Sendable func addChild(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let caller = try req.caller()
        let form = try req.content.decode(ChildForm.self)
        let entry = ChildEntry(name: PersonName(family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? "",
                                                familyLast: FormInput.checked(form.familyLast)),
                               birthDate: FormInput.date(form.birthDate), gender: Gender(rawValue: form.gender ?? ""),
                               personalID: form.personalID ?? "", parentName: form.parentName ?? "", parentPhone: form.parentPhone ?? "",
                               olderReason: form.olderReason ?? "")
        do {
            let child = try await ListService(database: req.db).addChild(entry, to: id, kindergarten: form.kindergartenID.flatMap(KindergartenID.init),
                                                                        by: caller)
            return req.redirect(to: AdmissionPaths.children(id), flash: "Đã thêm \(entry.name.full), mã \(child.code?.display ?? "").")
        } catch let problems as FieldProblems {
            var page = try await importPage(req, id, selected: form.kindergartenID ?? "", problems: problems)
            page.childValues = ["family": form.family ?? "", "middle": form.middle ?? "", "given": form.given ?? "",
                                "familyLast": FormInput.checked(form.familyLast) ? "true" : "", "birthDate": form.birthDate ?? "",
                                "gender": form.gender ?? "", "personalID": form.personalID ?? "", "parentName": form.parentName ?? "",
                                "parentPhone": form.parentPhone ?? "", "olderReason": form.olderReason ?? ""]
            return try await req.render("admissions/import", page, status: .unprocessableEntity)
        }
    }

    struct ReissueForm: Content {
        var reason: String?
    }

    @Sendable func reissue(req: Request) async throws -> Response {
        guard let code = req.parameters.get("code").flatMap(RegistrationCode.init) else { throw RecordsError.notFound }
        let form = try req.content.decode(ReissueForm.self)
        let caller = try req.caller()
        do {
            let codes = CodeService(database: req.db)
            let fresh = try await codes.reissue(code, reason: form.reason ?? "", by: caller)
            return req.redirect(to: AdmissionPaths.children(try await codes.campaign(of: fresh)),
                                flash: "Đã thu hồi mã \(code.display) và cấp mã mới \(fresh.display).")
        } catch let problems as FieldProblems {
            throw PageError(status: .unprocessableEntity, heading: "Chưa cấp lại được mã", message: problems.list.first?.message ?? "")
        }
    }
}
