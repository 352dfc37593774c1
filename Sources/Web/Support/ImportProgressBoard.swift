import Foundation
import NIOConcurrencyHelpers
import Records
import Vapor

/// The latest progress of each import running on this node, for the page that polls it while the import's request
/// runs. Entries are dropped ten minutes after their last report. (Behind several nodes, the poll may reach another
/// node and find nothing: the page then just waits for the import's own answer.)
final class ImportProgressBoard: Sendable {
    private let box = NIOLockedValueBox<[UUID: (ImportProgress, Date)]>([:])

    func report(_ id: UUID) -> ImportProgressReport {
        { [box] progress in
            let now = Date()
            box.withLockedValue { board in
                board = board.filter { now.timeIntervalSince($0.value.1) < 600 }
                board[id] = (progress, now)
            }
        }
    }

    func progress(_ id: UUID) -> ImportProgress? { box.withLockedValue { $0[id]?.0 } }
}

struct ImportProgressBoardKey: StorageKey { typealias Value = ImportProgressBoard }

extension Application {
    /// Set up by `configure`.
    var importProgress: ImportProgressBoard { storage[ImportProgressBoardKey.self]! }
}
