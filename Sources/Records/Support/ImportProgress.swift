import Foundation

/// How far a long import has come, for the progress bar its page shows while the request runs.
public struct ImportProgress: Sendable, Equatable, Codable {
    /// What the import is doing.
    public enum Stage: String, Sendable, Codable {
        /// Reading every line against the register again, inside the transaction.
        case checking
        /// Writing rows: `done` of `total` rows of every table.
        case writing
        /// Committed.
        case done
    }

    public var stage: Stage
    /// Lines checked or rows written so far.
    public var done: Int
    /// Lines to check or rows to write.
    public var total: Int

    /// A report of `stage` at `done` of `total`.
    public init(stage: Stage, done: Int, total: Int) {
        self.stage = stage
        self.done = done
        self.total = total
    }

    /// The progress in Vietnamese, as the page says it.
    public var label: String {
        switch stage {
        case .checking: total == 0 ? "Đang kiểm tra lại danh sách…" : "Đã kiểm tra lại \(total) dòng."
        case .writing: "Đang ghi vào sổ đăng bộ và danh sách lớp… \(total == 0 ? 0 : done * 100 / total) %"
        case .done: "Đã nhập xong."
        }
    }
}

/// Receives progress reports; called on the importing task, so it must return quickly.
public typealias ImportProgressReport = @Sendable (ImportProgress) -> Void

/// Counts rows written across several tables and reports them as ``ImportProgress/Stage/writing``.
final class WriteCounter {
    let total: Int
    let report: ImportProgressReport?
    private(set) var done = 0

    init(total: Int, report: ImportProgressReport?) {
        self.total = total
        self.report = report
        report?(ImportProgress(stage: .writing, done: 0, total: total))
    }

    func add(_ rows: Int) {
        done += rows
        report?(ImportProgress(stage: .writing, done: done, total: total))
    }
}
