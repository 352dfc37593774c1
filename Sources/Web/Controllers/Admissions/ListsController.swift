import Admissions
import Documents
import Fluent
import Records
import Vapor

/// Kindergarten lists: upload, preview with every bad row, import all or nothing; children and their codes.
struct ListsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.importList, use: showImport)
        routes.post(Site.importList, body: .collect(maxSize: "6mb"), use: upload)
        routes.get(Site.children, use: children)
        routes.get(Site.childrenXLSX, use: childrenXLSX)
        routes.post(Site.children, use: addChild)
        routes.post(Site.importCommit, use: commit)
        routes.post(Site.reissue, use: reissue)
    }

    func campaignID(_ req: Request) throws -> CampaignID {
        let id = try req.pathValue(CampaignID.self)
        return id
    }

    func importPage(
        _ req: Request, _ id: CampaignID, selected: String = "", problems: FieldProblems = .init(),
        preview: ListsPages.PreviewModel? = nil
    ) async throws -> ListsPages.ImportPage {
        let caller = try req.caller()
        try req.domain.lists.authorizeLists(by: caller)
        let campaign = try await req.domain.campaigns.get(id, by: caller)
        let kgs = try await req.domain.lists.kindergartens(of: id, by: caller)
        return ListsPages.ImportPage(
            layout: req.layout("Nhập danh sách trẻ", active: Site.campaigns()), campaignTitle: campaign.title,
            action: Site.importList(id),
            kindergartens: kgs.map { SelectOption(value: $0.id.description, label: $0.name, selected: $0.id.description == selected) },
            form: FormState(values: ["kindergartenID": selected], problems: problems), preview: preview,
            childAction: Site.children(id))
    }

    @Sendable func showImport(req: Request) async throws -> Response {
        try await req.render("admissions/import", importPage(req, campaignID(req)))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let caller = try req.caller()
        let form = try req.content.decode(ListsPages.UploadForm.self)
        var problems = FieldProblems()
        let kindergarten = form.kindergartenID.flatMap(KindergartenID.init)
        if kindergarten == nil { problems.add("kindergartenID", "Vui lòng chọn trường mầm non.") }
        guard let file = form.file, file.data.readableBytes > 0 else {
            problems.add("file", "Vui lòng chọn tệp danh sách (Excel hoặc CSV).")
            return try await req.render(
                "admissions/import", importPage(req, id, selected: form.kindergartenID ?? "", problems: problems),
                status: .unprocessableEntity)
        }
        guard let kindergarten, problems.isEmpty else {
            return try await req.render(
                "admissions/import", importPage(req, id, selected: form.kindergartenID ?? "", problems: problems),
                status: .unprocessableEntity)
        }
        let bytes = Array(file.data.readableBytesView)
        let (batch, preview) = try await req.domain.lists.preview(
            campaign: id, kindergarten: kindergarten,
            filename: file.filename, bytes: bytes, by: caller)
        if let fileProblem = preview.fileProblem {
            return try await req.render(
                "admissions/import",
                importPage(
                    req, id, selected: kindergarten.description,
                    problems: FieldProblems("file", fileProblem)),
                status: .unprocessableEntity)
        }
        let model = ListsPages.PreviewModel(
            filename: file.filename,
            rows: preview.rows.map { row in
                ListsPages.PreviewRow(
                    line: row.line, name: row.child.name.full, birthDate: row.child.birthDate?.display ?? "",
                    gender: row.child.gender?.label ?? "", personalID: row.child.personalID, parent: row.child.parentName,
                    problems: row.problems)
            },
            badCount: preview.badRows.count, importable: preview.isImportable,
            commitPath: preview.isImportable ? batch.map { Site.importCommit($0) } : nil)
        return try await req.render(
            "admissions/import", importPage(req, id, selected: kindergarten.description, preview: model),
            status: preview.isImportable ? .ok : .unprocessableEntity)
    }

    @Sendable func commit(req: Request) async throws -> Response {
        let batch = try req.pathValue(UUID.self, "batch")
        let caller = try req.caller()
        let count = try await req.domain.lists.commit(batch: batch, by: caller)
        let campaign = try await req.domain.lists.campaign(ofBatch: batch)
        return req.redirect(to: Site.children(campaign), flash: "Đã nhập \(count) trẻ và cấp \(count) mã đăng ký.")
    }

    /// The children of the campaign in the path, searched by `q`, as the page and the workbook list them: a page
    /// after the cursor `after` for the page, all of them for the workbook.
    func childRows(_ req: Request, paged: Bool) async throws -> (
        campaign: Campaign, query: String, rows: [ListsPages.ChildRow], next: String?
    ) {
        let id = try campaignID(req)
        let caller = try req.caller()
        let campaign = try await req.domain.campaigns.get(id, by: caller)
        let query = (try? req.query.get(String.self, at: "q")) ?? ""
        let canLists = caller.may(.admissionLists)
        let children: [ListedChild]
        var next: String?
        if paged {
            let page = try await req.domain.lists.childrenPage(
                of: id, search: query, after: try? req.query.get(String.self, at: "after"), by: caller)
            children = page.children
            next = page.next
        } else {
            children = try await req.domain.lists.children(of: id, search: query, by: caller)
        }
        let rows = children.map { child in
            ListsPages.ChildRow(
                name: child.entry.name.full, birthDate: child.entry.birthDate?.display ?? "", gender: child.entry.gender?.label ?? "",
                kindergarten: child.kindergartenName, parent: child.entry.parentName, code: child.code?.display ?? "",
                reissuePath: canLists ? child.code.map { Site.reissue($0) } : nil,
                source: child.source == "walkIn" ? "Cấp tại bàn" : child.source == "manual" ? "Thêm tại trường" : "Danh sách")
        }
        return (campaign, query, rows, next)
    }

    /// The children and their codes as Excel (the search applied), for the kindergartens' lists kept in Excel.
    @Sendable func childrenXLSX(req: Request) async throws -> Response {
        let (campaign, _, rows, _) = try await childRows(req, paged: false)
        let cells: [[XLSXCell]] = rows.enumerated().map { index, row in
            [.integer(index + 1)]
                + [row.name, row.birthDate, row.gender, row.kindergarten, row.parent, row.code, row.source].map(XLSXCell.text)
        }
        return try await XLSXResponse.sheet(
            "tre-va-ma-dang-ky-\(campaign.schoolYearName).xlsx", name: "Trẻ và mã",
            header: ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Trường mầm non", "Cha/mẹ", "Mã đăng ký", "Nguồn"], rows: cells, on: req)
    }

    @Sendable func children(req: Request) async throws -> Response {
        let (campaign, query, rows, next) = try await childRows(req, paged: true)
        let canLists = try req.caller().may(.admissionLists)
        let id = campaign.id
        let first = (try? req.query.get(String.self, at: "after")) == nil ? nil : Site.children(id, query: ["q": query])
        return try await req.render(
            "admissions/children",
            ListsPages.ChildrenPage(
                layout: req.layout("Trẻ và mã đăng ký", active: Site.campaigns()), campaignTitle: campaign.title,
                campaignPath: Site.campaign(id), rows: rows, query: query, canLists: canLists,
                xlsxPath: Site.childrenXLSX(id, query: ["q": query]),
                nextPath: next.map { Site.children(id, query: ["q": query, "after": $0]) }, firstPath: first))
    }

    /// Adds one child to a kindergarten's list (a child missing from the file) and issues the code.
    @Sendable func addChild(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let caller = try req.caller()
        let form = try req.content.decode(ListsPages.ChildForm.self)
        let entry = ChildEntry(
            name: PersonName(
                family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? "",
                familyLast: FormInput.checked(form.familyLast)),
            birthDate: FormInput.date(form.birthDate), gender: Sex(rawValue: form.gender ?? ""),
            personalID: form.personalID ?? "", parentName: form.parentName ?? "", parentPhone: form.parentPhone ?? "",
            olderReason: form.olderReason ?? "")
        do {
            let child = try await req.domain.lists.addChild(
                entry, to: id, kindergarten: form.kindergartenID.flatMap(KindergartenID.init),
                by: caller)
            return req.redirect(to: Site.children(id), flash: "Đã thêm \(entry.name.full), mã \(child.code?.display ?? "").")
        } catch let problems as FieldProblems {
            var page = try await importPage(req, id, selected: form.kindergartenID ?? "", problems: problems)
            page.childValues = [
                "family": form.family ?? "", "middle": form.middle ?? "", "given": form.given ?? "",
                "familyLast": FormInput.checked(form.familyLast) ? "true" : "", "birthDate": form.birthDate ?? "",
                "gender": form.gender ?? "", "personalID": form.personalID ?? "", "parentName": form.parentName ?? "",
                "parentPhone": form.parentPhone ?? "", "olderReason": form.olderReason ?? "",
            ]
            return try await req.render("admissions/import", page, status: .unprocessableEntity)
        }
    }

    @Sendable func reissue(req: Request) async throws -> Response {
        let code = try req.pathValue(RegistrationCode.self, "code")
        let form = try req.content.decode(ListsPages.ReissueForm.self)
        let caller = try req.caller()
        do {
            let codes = req.domain.codes
            let fresh = try await codes.reissue(code, reason: form.reason ?? "", by: caller)
            return req.redirect(
                to: Site.children(try await codes.campaign(of: fresh)),
                flash: "Đã thu hồi mã \(code.display) và cấp mã mới \(fresh.display).")
        } catch let problems as FieldProblems {
            throw PageError(status: .unprocessableEntity, heading: "Chưa cấp lại được mã", message: problems.list.first?.message ?? "")
        }
    }
}
