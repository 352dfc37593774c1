import Foundation
import Records
import Testing

@Suite struct WriteGateTests {
    final class Probe: @unchecked Sendable {
        let lock = NSLock()
        var inside = 0
        var most = 0
        var order: [Int] = []

        func enter(_ index: Int) {
            lock.withLock {
                inside += 1
                most = max(most, inside)
                order.append(index)
            }
        }

        func leave() { lock.withLock { inside -= 1 } }
    }

    @Test func oneWriterAtATimeAndANestedWriteGoesStraightThrough() async throws {
        let gate = WriteGate()
        gate.isEnabled = true
        let probe = Probe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await gate.run {
                        probe.enter(index)
                        try await Task.sleep(for: .milliseconds(2))
                        // A service calling another inside the same write does not wait for itself.
                        try await gate.run { try await Task.sleep(for: .microseconds(100)) }
                        probe.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(probe.most == 1, "never two writers at once")
        #expect(probe.order.count == 40)
        #expect(probe.inside == 0)
    }

    @Test func whenOffEverythingRunsAtOnce() async throws {
        let gate = WriteGate()
        let probe = Probe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await gate.run {
                        probe.enter(index)
                        try await Task.sleep(for: .milliseconds(50))
                        probe.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(probe.most > 1)
    }
}
