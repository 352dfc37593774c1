import Documents
import Foundation
import Vapor

/// An Excel workbook sent as a download.
enum XLSXResponse {
    static let mediaType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    /// Builds the workbook off the event loop and sends it as `filename`.
    static func make(_ filename: String, on req: Request, _ build: @escaping @Sendable () throws -> [UInt8]) async throws -> Response {
        let bytes = try await req.application.threadPool.runIfActive { try build() }
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.contentType = mediaType
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
    }

    /// A workbook of one sheet: a list as the page shows it, for the school's Excel.
    static func sheet(
        _ filename: String, name: String, header: [String], rows: [[XLSXCell]], on req: Request
    ) async throws -> Response {
        try await make(filename, on: req) {
            var writer = XLSXWriter()
            writer.addSheet(name: name, header: header, rows: rows)
            return try writer.data()
        }
    }
}
