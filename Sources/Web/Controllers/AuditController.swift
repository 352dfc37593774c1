import Documents
import Fluent
import Records
import Vapor

/// The audit log for the principal (and the admin board, inspectors): filter by person, entity and dates; CSV export.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.audit, use: show)
        routes.get(Site.auditCSV, use: csv)
        routes.get(Site.auditXLSX, use: xlsx)
    }

    func filter(_ query: AuditPages.Query) -> (AuditLog.Filter, FieldProblems) {
        var problems = FieldProblems()
        let from = FormInput.date(query.from)
        let to = FormInput.date(query.to)
        if let text = query.from, !text.isEmpty, from == nil { problems.add("from", "Ngày không hợp lệ (dd/mm/yyyy).") }
        if let text = query.to, !text.isEmpty, to == nil { problems.add("to", "Ngày không hợp lệ (dd/mm/yyyy).") }
        return (
            AuditLog.Filter(
                actorID: query.actor.flatMap(AccountID.init), entity: query.entity, from: from, to: to, search: query.q ?? ""),
            problems
        )
    }

    @Sendable func show(req: Request) async throws -> Response {
        let caller = try req.caller()
        let query = try req.query.decode(AuditPages.Query.self)
        let (filter, problems) = filter(query)
        let limit = 200
        let entries = try await req.domain.audit.entries(filter, limit: limit + 1, olderThan: query.before, by: caller)
        let entityLabels = Dictionary(uniqueKeysWithValues: AuditEntity.allCases.map { ($0.rawValue, $0.label) })
        let rows = entries.prefix(limit).map { e in
            AuditPages.EntryRow(
                seq: e.seq, at: Timestamps.display(e.at), actor: e.actorName, role: e.actorRole, summary: e.event.summary,
                entity: entityLabels[e.event.entity] ?? e.event.entity, address: e.address ?? "",
                before: e.event.before, after: e.event.after)
        }
        let accounts = try await req.domain.accounts.list(by: caller)
        let actors = accounts.map {
            SelectOption(value: $0.id.description, label: $0.name.full, selected: $0.id.description == query.actor)
        }
        let entities = AuditEntity.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == query.entity) }
        let values = [
            "actor": query.actor ?? "", "entity": query.entity ?? "", "from": query.from ?? "", "to": query.to ?? "", "q": query.q ?? "",
        ]
        let filterQuery = req.query(replacing: "before", with: nil)
        let page = AuditPages.Page(
            layout: req.layout("Nhật ký thay đổi", active: Site.audit()), entries: Array(rows), actors: actors,
            entities: entities, form: FormState(values: values, problems: problems), csvPath: Site.auditCSV() + filterQuery,
            xlsxPath: Site.auditXLSX() + filterQuery,
            nextPath: entries.count > limit ? rows.last.map { Site.audit() + req.query(replacing: "before", with: String($0.seq)) } : nil,
            firstPath: query.before == nil ? nil : Site.audit() + filterQuery)
        return try await req.render("audit/audit", page, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    static let exportHeader = [
        "Số", "Thời gian", "Người thực hiện", "Vai trò", "Thao tác", "Đối tượng", "Mã đối tượng",
        "Nội dung", "Trước", "Sau", "Địa chỉ", "Mã băm",
    ]

    static func exportCells(_ e: AuditEntry) -> [String] {
        [
            String(e.seq), Timestamps.display(e.at), e.actorName, e.actorRole, e.event.action, e.event.entity,
            e.event.entityID, e.event.summary, e.event.before ?? "", e.event.after ?? "", e.address ?? "", e.hash,
        ]
    }

    func exported(_ req: Request) async throws -> [AuditEntry] {
        let (filter, _) = filter(try req.query.decode(AuditPages.Query.self))
        return try await req.domain.audit.entries(filter, limit: nil, by: req.caller())
    }

    @Sendable func csv(req: Request) async throws -> Response {
        var writer = CSVWriter(header: Self.exportHeader)
        for e in try await exported(req) { writer.append(Self.exportCells(e)) }
        let response = Response(status: .ok, body: .init(string: writer.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "nhat-ky-hoso.csv")
        return response
    }

    /// The filtered log as Excel, the same columns as the CSV, the sequence number as a number.
    @Sendable func xlsx(req: Request) async throws -> Response {
        let rows: [[XLSXCell]] = try await exported(req).map { e in
            var cells = Self.exportCells(e).map(XLSXCell.text)
            cells[0] = .integer(e.seq)
            return cells
        }
        return try await XLSXResponse.sheet("nhat-ky-hoso.xlsx", name: "Nhật ký", header: Self.exportHeader, rows: rows, on: req)
    }
}
