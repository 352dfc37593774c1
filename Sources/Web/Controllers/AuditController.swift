import Documents
import Fluent
import Records
import Vapor

/// The audit log for the principal (and the admin board, inspectors): filter by person, entity and dates; CSV export.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.audit, use: show)
        routes.get(Site.auditCSV, use: csv)
    }

    func filter(_ query: AuditPages.Query) -> (AuditLog.Filter, FieldProblems) {
        var problems = FieldProblems()
        let from = FormInput.date(query.from)
        let to = FormInput.date(query.to)
        if let text = query.from, !text.isEmpty, from == nil { problems.add("from", "Ngày không hợp lệ (dd/mm/yyyy).") }
        if let text = query.to, !text.isEmpty, to == nil { problems.add("to", "Ngày không hợp lệ (dd/mm/yyyy).") }
        return (AuditLog.Filter(actorID: query.actor.flatMap(AccountID.init), entity: query.entity, from: from, to: to), problems)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let caller = try req.caller()
        let query = try req.query.decode(AuditPages.Query.self)
        let (filter, problems) = filter(query)
        let limit = 200
        let entries = try await req.domain.audit.entries(filter, limit: limit + 1, by: caller)
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
        let values = ["actor": query.actor ?? "", "entity": query.entity ?? "", "from": query.from ?? "", "to": query.to ?? ""]
        var csvPath = Site.auditCSV()
        if let q = req.url.query, !q.isEmpty { csvPath += "?" + q }
        let page = AuditPages.Page(
            layout: req.layout("Nhật ký thay đổi", active: Site.audit()), entries: Array(rows), actors: actors,
            entities: entities, form: FormState(values: values, problems: problems), csvPath: csvPath,
            truncated: entries.count > limit)
        return try await req.render("audit/audit", page, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let caller = try req.caller()
        let (filter, _) = filter(try req.query.decode(AuditPages.Query.self))
        let entries = try await req.domain.audit.entries(filter, limit: nil, by: caller)
        var writer = CSVWriter(header: [
            "Số", "Thời gian", "Người thực hiện", "Vai trò", "Thao tác", "Đối tượng", "Mã đối tượng",
            "Nội dung", "Trước", "Sau", "Địa chỉ", "Mã băm",
        ])
        for e in entries {
            writer.append([
                String(e.seq), Timestamps.display(e.at), e.actorName, e.actorRole, e.event.action, e.event.entity,
                e.event.entityID, e.event.summary, e.event.before ?? "", e.event.after ?? "", e.address ?? "", e.hash,
            ])
        }
        let response = Response(status: .ok, body: .init(string: writer.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "nhat-ky-hoso.csv")
        return response
    }
}
