import Documents
import Foundation
import Vapor

/// `hoso verify-pdf FILE [--trust CA.pem]`: checks every signature of a PDF hoso signed, in Vietnamese and English;
/// exit status 1 when one is not intact (or, with --trust, not trusted).
struct VerifyPDFCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The PDF to check")
        var file: String

        @Option(name: "trust", help: "PEM certificates to trust (the school's trial CA, a licensed CA)")
        var trust: String?
    }

    var help: String { "Checks the digital signatures of a PDF (Kiểm tra chữ ký số của tệp PDF)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            context.console.error("Không đọc được tệp \(signature.file) / Cannot read \(signature.file)")
            throw CommandFailed()
        }
        var trusted: [UInt8]?
        if let path = signature.trust {
            guard let pem = FileManager.default.contents(atPath: path) else {
                context.console.error("Không đọc được chứng thư \(path) / Cannot read \(path)")
                throw CommandFailed()
            }
            trusted = [UInt8](pem)
        }
        let verdicts = PDFVerifier.verify([UInt8](data), trusting: trusted)
        if verdicts.isEmpty {
            context.console.error("Tệp không có chữ ký số. / The file has no digital signature.")
            throw CommandFailed()
        }
        var failed = false
        for (index, verdict) in verdicts.enumerated() {
            for line in Self.lines(index + 1, verdict) { context.console.print(line) }
            failed = failed || !verdict.intact || verdict.trusted == false
        }
        if failed { throw CommandFailed() }
    }

    static func lines(_ number: Int, _ verdict: PDFVerifier.Verdict) -> [String] {
        var lines = ["Chữ ký \(number) / Signature \(number): \(verdict.signer)"]
        lines.append(
            verdict.intact
                ? "  Hợp lệ: nội dung đã ký không bị thay đổi. / Valid: the signed content is unchanged."
                : "  KHÔNG hợp lệ: nội dung đã bị thay đổi sau khi ký. / INVALID: the content changed after signing."
                    + (verdict.problem.map { " (\($0))" } ?? ""))
        switch verdict.trusted {
        case .some(true): lines.append("  Chứng thư tin cậy. / Certificate trusted.")
        case .some(false): lines.append("  Chứng thư KHÔNG được tin cậy. / Certificate NOT trusted.")
        case .none: lines.append("  Chưa kiểm tra chứng thư (dùng --trust). / Certificate not checked (use --trust).")
        }
        lines.append(
            verdict.coversWholeFile
                ? "  Phủ toàn bộ tệp. / Covers the whole file."
                : "  Phủ bản đến lần ký này; tệp có thêm lần ký sau. / Covers the revision it signed; later revisions follow.")
        return lines
    }
}
