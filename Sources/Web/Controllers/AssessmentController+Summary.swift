import Records
import Vapor

/// The summary tables (PDF, .xlsx), their approval by the principal, and the class's assessment book for the year.
extension AssessmentController {
    @Sendable func summaryPDF(req: Request) async throws -> Response {
        let summary = try await req.domain.assessment.summary(
            class: req.pathValue(ClassID.self), checkpoint: Self.checkpoint(req), by: req.caller())
        return try await PrintoutsController.pdf(
            AssessmentPrintouts.summary(summary, printedOn: SchoolDate(Date())),
            filename: "bang-tong-hop-\(summary.className)-\(summary.checkpoint.code).pdf", on: req)
    }

    @Sendable func summaryXLSX(req: Request) async throws -> Response {
        let summary = try await req.domain.assessment.summary(
            class: req.pathValue(ClassID.self), checkpoint: Self.checkpoint(req), by: req.caller())
        return try await XLSXResponse.make("bang-tong-hop-\(summary.className)-\(summary.checkpoint.code).xlsx", on: req) {
            try AssessmentPrintouts.summaryWorkbook(summary)
        }
    }

    @Sendable func approveSummary(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let checkpoint = Self.checkpoint(req)
        let target = Site.homeroomGrid(id, query: ["checkpoint": checkpoint.rawValue])
        return try await req.redirect(to: target, done: "Đã duyệt bảng tổng hợp \(checkpoint.label).") {
            try await req.domain.assessment.approveSummary(class: id, checkpoint: checkpoint, by: req.caller())
        }
    }

    /// Every checkpoint's summary table of the class and its year-end results, in one PDF.
    @Sendable func classBookPDF(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let caller = try req.caller()
        let assessment = req.domain.assessment
        var summaries: [ClassSummary] = []
        for checkpoint in Checkpoint.allCases {
            summaries.append(try await assessment.summary(class: id, checkpoint: checkpoint, by: caller))
        }
        let results = try await assessment.yearResults(class: id, by: caller)
        let name = summaries.first?.className ?? ""
        return try await PrintoutsController.pdf(
            AssessmentPrintouts.classBook(summaries, results: results, printedOn: SchoolDate(Date())), filename: "so-danh-gia-\(name).pdf",
            on: req)
    }
}
