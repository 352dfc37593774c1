import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The progress a long import reports while it runs: checking first, then rows written up to the total, then done.
@Suite struct ImportProgressTests {
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [ImportProgress] = []
        func add(_ progress: ImportProgress) { lock.withLock { items.append(progress) } }
        var all: [ImportProgress] { lock.withLock { items } }
    }

    @Test func anImportReportsCheckingThenEveryRowWrittenThenDone() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            _ = try await world.makeClass("2A", grade: 2, capacity: 35)
            var csv = "Họ và tên,Ngày sinh,Giới tính,Lớp,Họ tên mẹ,Điện thoại mẹ\r\n"
            let givens = ["Bảo", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phúc"]
            for index in 0..<30 {
                let family = ["Lê", "Trần", "Phạm"][index / 10]
                let given = givens[index % 10]
                csv += "\(family) Văn \(given),\(10 + index % 18)/01/2019,Nam,2A,Nguyễn Thị \(given) \(family),09120001\(10 + index)\r\n"
            }
            let imports = PupilImportService(database: db, clock: world.fixture.clock.function)
            let batch = try await imports.upload(filename: "2a.csv", bytes: Array(csv.utf8), year: world.year.id, by: world.clerk).get()
            let preview = try await imports.preview(batch, by: world.clerk)
            #expect(preview.isImportable, "\(preview.lines.map(\.problems)) \(preview.columnProblems)")
            let reports = Reports()
            let result = try await imports.commit(batch, by: world.clerk, progress: { reports.add($0) })
            #expect(result.pupils == 30)
            let all = reports.all
            #expect(all.first?.stage == .checking)
            #expect(all.last == ImportProgress(stage: .done, done: 30, total: 30))
            let writing = all.filter { $0.stage == .writing }
            // 30 students, 30 mothers, 30 links, 30 register entries, 30 enrollments.
            #expect(writing.first?.done == 0 && writing.last?.done == 150 && writing.allSatisfy { $0.total == 150 })
            #expect(zip(writing, writing.dropFirst()).allSatisfy { $0.done <= $1.done })
            #expect(all.map(\.stage) == all.map(\.stage).sorted { order($0) < order($1) }, "stages only move forward")
            #expect(writing.last?.label == "Đang ghi vào sổ đăng bộ và danh sách lớp… 100 %")
        }
    }

    func order(_ stage: ImportProgress.Stage) -> Int {
        switch stage {
        case .checking: 0
        case .writing: 1
        case .done: 2
        }
    }
}
