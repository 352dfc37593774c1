// hoso-bench: drives the parents' portal flow of hoso over real HTTP/1.1 keep-alive connections.
//
//   hoso-bench flow --url http://127.0.0.1:8080 --parents parents.tsv --connections 256 --duration 20
//                   [--skip 0] [--source-addresses 1] [--timeout 10] [--threads 2] [--json result.json]
//
// Each connection is one virtual parent at a time: it takes the next unused child from the parents file and walks
// the flow a parent walks in a browser, with its own cookies (a fresh browser per child):
//   1. GET  /tuyen-sinh              landing page (sets the CSRF cookie)
//   2. POST /tuyen-sinh              code + date of birth (+ _csrf)       -> 303 /tuyen-sinh/ho-so, portal cookie
//   3. GET  /tuyen-sinh/ho-so        the application form
//   4. POST /tuyen-sinh/ho-so        the application, action=submit        -> 303 /tuyen-sinh/bien-nhan (422 = refused)
//   5. GET  /tuyen-sinh/bien-nhan    the receipt with the application number
// The headline figure is submitted applications per second: submissions answered with the redirect to the receipt
// inside the measured window. A flow is completed when all five steps answered as expected; completed flows per
// second (until the last flow ended), the latency of each step and of the whole flow, and every error (status,
// timeout, closed connection, unexpected answer) are printed too, and written as JSON with --json. New flows start
// only inside the window; flows under way at its end are finished.
//
// Refusals are not failures and are counted apart: 503 (the server's overload guard, HOSO_MAX_IN_FLIGHT, or a
// database lock timeout: "refused (busy)") and 429 (a rate limit: "refused (limit)"). Either ends that parent's
// flow, except that a parent answered 503 does what the busy page asks: waits Retry-After seconds and sends the
// same request again, up to --busy-retries times (default 3; 0 gives up at once); a refused request stored nothing,
// so sending it again is safe. The wait is part of that parent's flow time. Neither is ever counted as a submission.
//
// --source-addresses N spreads the connections over N loopback addresses 127.0.0.2 … (the server sees them as N
// different parents' addresses); 1 (the default) keeps every connection on 127.0.0.1.

import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

struct Parent {
    let code: String
    let birthDate: String
    let form: String  // the application's fields, url-encoded, without _csrf
}

struct Options {
    var host = "127.0.0.1"
    var port = 8080
    var parentsFile = ""
    var connections = 64
    var duration = 20.0
    var skip = 0
    var sourceAddresses = 1
    var timeout = 10.0
    var threads = 2
    var json: String?
    var busyRetries = 3

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("missing value after \(args[i - 1])") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--url":
                let url = value()
                guard let u = URL(string: url), let h = u.host else { fail("bad --url \(url)") }
                o.host = h
                o.port = u.port ?? 80
            case "--parents": o.parentsFile = value()
            case "--connections", "-c": o.connections = Int(value()) ?? o.connections
            case "--duration", "-d": o.duration = Double(value()) ?? o.duration
            case "--skip": o.skip = Int(value()) ?? 0
            case "--source-addresses": o.sourceAddresses = max(1, min(250, Int(value()) ?? 1))
            case "--timeout": o.timeout = Double(value()) ?? o.timeout
            case "--threads": o.threads = max(1, Int(value()) ?? 2)
            case "--json": o.json = value()
            case "--busy-retries": o.busyRetries = max(0, Int(value()) ?? 3)
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument \(args[i])\n\(usage)")
            }
            i += 1
        }
        if o.parentsFile.isEmpty { fail("--parents FILE is required") }
        return o
    }
}

let usage = """
    usage: hoso-bench flow --url http://127.0.0.1:8080 --parents FILE --connections N --duration SECONDS
                           [--skip K] [--source-addresses N] [--timeout SECONDS] [--threads N] [--json FILE]
                           [--busy-retries N]
    parents FILE: tab-separated lines  code  birth-date(dd/mm/yyyy)  url-encoded-application-fields
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hoso-bench: \(message)\n".utf8))
    exit(2)
}

// MARK: - form encoding

let formSafe: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*".utf8))

func formEncode(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count * 3)
    let hex = Array("0123456789ABCDEF")
    for b in s.utf8 {
        if formSafe.contains(b) {
            out.unicodeScalars.append(UnicodeScalar(b))
        } else if b == 0x20 {
            out.append("+")
        } else {
            out.append("%")
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 15)])
        }
    }
    return out
}

// MARK: - statistics

enum Step: Int, CaseIterable {
    case landing, open, form, submit, receipt
    var name: String { ["landing", "open", "form", "submit", "receipt"][rawValue] }
    var path: String {
        ["GET /tuyen-sinh", "POST /tuyen-sinh", "GET /tuyen-sinh/ho-so", "POST /tuyen-sinh/ho-so", "GET /tuyen-sinh/bien-nhan"][rawValue]
    }
}

struct Stats {
    /// Latencies in microseconds, per step, of requests that got any answer.
    var latency: [[UInt32]] = Array(repeating: [], count: Step.allCases.count)
    var flow: [UInt32] = []
    var completed = 0
    var completedInWindow = 0
    /// Submissions answered with the redirect to the receipt inside the measured window.
    var submittedInWindow = 0
    var requests = 0
    var errors: [String: Int] = [:]
    var status422 = 0
    var statusBad = 0  // non-2xx/3xx other than 429 and 503
    /// Refusals, not failures: 503 (overload guard or database lock timeout) and 429 (rate limit), per step.
    var refused: [String: Int] = [:]
    var status503 = 0
    var status429 = 0
    /// Parents who gave up after --busy-retries 503s in a row on one step.
    var busyGaveUp = 0
    var timeouts = 0
    var connectionErrors = 0
    var sample422: String?
    var sampleError: String?

    mutating func merge(_ o: Stats) {
        for i in latency.indices { latency[i] += o.latency[i] }
        flow += o.flow
        completed += o.completed
        completedInWindow += o.completedInWindow
        submittedInWindow += o.submittedInWindow
        requests += o.requests
        errors.merge(o.errors, uniquingKeysWith: +)
        status422 += o.status422
        statusBad += o.statusBad
        refused.merge(o.refused, uniquingKeysWith: +)
        status503 += o.status503
        status429 += o.status429
        busyGaveUp += o.busyGaveUp
        timeouts += o.timeouts
        connectionErrors += o.connectionErrors
        sample422 = sample422 ?? o.sample422
        sampleError = sampleError ?? o.sampleError
    }

    var errorTotal: Int { errors.values.reduce(0, +) }
}

func percentiles(_ values: [UInt32]) -> [String: Double] {
    guard !values.isEmpty else { return ["n": 0] }
    let sorted = values.sorted()
    func p(_ q: Double) -> Double {
        let i = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
        return Double(sorted[i]) / 1000
    }
    let mean = Double(sorted.reduce(0) { $0 + UInt64($1) }) / Double(sorted.count) / 1000
    return ["n": Double(sorted.count), "p50": p(0.50), "p90": p(0.90), "p99": p(0.99), "max": Double(sorted.last!) / 1000, "mean": mean]
}

// MARK: - shared state

final class Shared: @unchecked Sendable {
    let parents: [Parent]
    private let next: NIOLockedValueBox<Int>
    var start = NIODeadline.now()
    var deadline = NIODeadline.distantFuture
    private let exhausted = NIOLockedValueBox<NIODeadline?>(nil)

    init(parents: [Parent], skip: Int) {
        self.parents = parents
        self.next = NIOLockedValueBox(skip)
    }

    func take() -> Parent? {
        let index: Int? = next.withLockedValue { n in
            guard n < parents.count else { return nil }
            n += 1
            return n - 1
        }
        guard let index else {
            exhausted.withLockedValue { if $0 == nil { $0 = .now() } }
            return nil
        }
        return parents[index]
    }

    var used: Int { next.withLockedValue { $0 } }
    var exhaustedAt: NIODeadline? { exhausted.withLockedValue { $0 } }
}

// MARK: - a virtual parent per connection

actor Worker {
    nonisolated let unownedExecutor: UnownedSerialExecutor
    let loop: EventLoop
    let options: Options
    let localAddress: String?
    var connection: HTTPConnection?
    var stats = Stats()

    init(loop: EventLoop, options: Options, localAddress: String?) {
        self.loop = loop
        self.unownedExecutor = loop.executor.asUnownedSerialExecutor()
        self.options = options
        self.localAddress = localAddress
    }

    func connect() async -> Bool {
        do {
            connection = try await HTTPConnection.connect(
                on: loop, host: options.host, port: options.port, localAddress: localAddress,
                timeout: .milliseconds(Int64(options.timeout * 1000)))
            return true
        } catch {
            stats.connectionErrors += 1
            stats.errors["connect failed", default: 0] += 1
            stats.sampleError = stats.sampleError ?? "connect: \(error)"
            connection = nil
            return false
        }
    }

    func error(_ kind: String, _ step: Step, detail: String? = nil) {
        stats.errors["\(kind) at \(step.name)", default: 0] += 1
        if let detail { stats.sampleError = stats.sampleError ?? "\(step.path): \(detail)" }
    }

    /// Sends one step's request; records its latency, or the failure and returns nil.
    func request(_ step: Step, _ method: HTTPMethod, _ path: String, cookies: [String: String], form: String? = nil) async -> Response? {
        var tries = 0
        while true {
            let response = await send(step, method, path, cookies: cookies, form: form)
            guard let response, response.status == 503 else { return response.flatMap { $0.status == 429 ? nil : $0 } }
            guard tries < options.busyRetries else {
                stats.busyGaveUp += 1
                return nil
            }
            tries += 1
            let wait = min(30, max(1, Int(response.headers.first(name: "retry-after") ?? "") ?? 5))
            try? await Task.sleep(nanoseconds: UInt64(wait) * 1_000_000_000)
        }
    }

    /// One request; a 503 or 429 is returned (counted as refused), any other failure recorded and nil.
    func send(_ step: Step, _ method: HTTPMethod, _ path: String, cookies: [String: String], form: String? = nil) async -> Response? {
        if connection == nil || !(connection!.isActive) {
            connection?.close()
            guard await connect() else { return nil }
        }
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let t0 = NIODeadline.now()
        stats.requests += 1
        do {
            let response = try await connection!.send(method, path, cookies: cookieHeader, form: form)
            let micros = (NIODeadline.now() - t0).nanoseconds / 1000
            // Refusals are answered at once; their latency would flatter the step's, so only served answers count.
            if response.status != 503 && response.status != 429 { stats.latency[step.rawValue].append(UInt32(clamping: micros)) }
            if response.headers.first(name: "connection")?.lowercased() == "close" {
                connection?.close()
                connection = nil
            }
            if response.status == 422 {
                stats.status422 += 1
                if stats.sample422 == nil { stats.sample422 = "\(step.path): " + problems(in: response.bodyString) }
            }
            if response.status == 503 || response.status == 429 {
                if response.status == 503 { stats.status503 += 1 } else { stats.status429 += 1 }
                stats.refused["HTTP \(response.status) at \(step.name)", default: 0] += 1
                return response
            }
            if !(200..<400).contains(response.status) {
                stats.statusBad += 1
                error("HTTP \(response.status)", step, detail: String(response.bodyString.prefix(300)))
                return nil
            }
            return response
        } catch RequestFailure.timeout {
            stats.timeouts += 1
            error("timeout", step)
        } catch {
            stats.connectionErrors += 1
            self.error("connection error", step, detail: "\(error)")
        }
        connection?.close()
        connection = nil
        return nil
    }

    /// The field messages of a refused form, for the report.
    nonisolated func problems(in html: String) -> String {
        var found: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: "class=\"field-error\"") ?? rest.range(of: "class=\"error\"") {
            let after = rest[r.upperBound...]
            if let gt = after.firstIndex(of: ">"), let lt = after[gt...].firstIndex(of: "<") {
                found.append(String(after[after.index(after: gt)..<lt]))
            }
            rest = after
            if found.count > 5 { break }
        }
        return found.isEmpty ? String(html.prefix(200)) : found.joined(separator: " | ")
    }

    func run(_ shared: Shared) async {
        while NIODeadline.now() < shared.deadline, let parent = shared.take() {
            await flow(parent, shared)
        }
        connection?.close()
        connection = nil
    }

    func flow(_ parent: Parent, _ shared: Shared) async {
        var cookies: [String: String] = [:]
        func keep(_ r: Response) { for (k, v) in r.setCookies { cookies[k] = v } }
        let t0 = NIODeadline.now()

        guard let landing = await request(.landing, .GET, "/tuyen-sinh", cookies: cookies) else { return }
        keep(landing)
        guard landing.status == 200, let csrf = cookies["hoso_csrf"], landing.bodyContains("name=\"_csrf\"") else {
            return error("unexpected answer", .landing, detail: "status \(landing.status), no CSRF cookie or field")
        }
        let token = formEncode(csrf)

        guard
            let open = await request(
                .open, .POST, "/tuyen-sinh", cookies: cookies,
                form: "_csrf=\(token)&code=\(formEncode(parent.code))&birthDate=\(formEncode(parent.birthDate))")
        else { return }
        keep(open)
        guard open.status == 303, open.location == "/tuyen-sinh/ho-so", cookies["hoso_portal"] != nil else {
            return error("unexpected answer", .open, detail: "status \(open.status) location \(open.location ?? "-")")
        }

        guard let form = await request(.form, .GET, "/tuyen-sinh/ho-so", cookies: cookies) else { return }
        keep(form)
        guard form.status == 200, form.bodyContains("name=\"childFamily\"") else {
            return error("unexpected answer", .form, detail: "status \(form.status) location \(form.location ?? "-")")
        }

        guard
            let submit = await request(
                .submit, .POST, "/tuyen-sinh/ho-so", cookies: cookies,
                form: "_csrf=\(token)&\(parent.form)&action=submit")
        else { return }
        keep(submit)
        guard submit.status == 303, submit.location == "/tuyen-sinh/bien-nhan" else {
            return error("unexpected answer", .submit, detail: "status \(submit.status) location \(submit.location ?? "-")")
        }
        if NIODeadline.now() <= shared.deadline { stats.submittedInWindow += 1 }

        guard let receipt = await request(.receipt, .GET, "/tuyen-sinh/bien-nhan", cookies: cookies) else { return }
        guard receipt.status == 200, receipt.bodyContains("Biên nhận hồ sơ số") else {
            return error("unexpected answer", .receipt, detail: "status \(receipt.status) location \(receipt.location ?? "-")")
        }
        let end = NIODeadline.now()
        stats.flow.append(UInt32(clamping: (end - t0).nanoseconds / 1000))
        stats.completed += 1
        if end <= shared.deadline { stats.completedInWindow += 1 }
    }

    func result() -> Stats { stats }
}

// MARK: - main

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func loadParents(_ path: String) -> [Parent] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
    var parents: [Parent] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { continue }
        parents.append(Parent(code: String(parts[0]), birthDate: String(parts[1]), form: String(parts[2])))
    }
    return parents
}

func runFlow(_ options: Options) async {
    let parents = loadParents(options.parentsFile)
    guard options.skip < parents.count else { fail("--skip \(options.skip) leaves no parent (file has \(parents.count))") }
    let group = MultiThreadedEventLoopGroup(numberOfThreads: options.threads)
    let shared = Shared(parents: parents, skip: options.skip)
    let loops = Array(group.makeIterator())
    let workers = (0..<options.connections).map { i in
        Worker(
            loop: loops[i % loops.count], options: options,
            localAddress: options.sourceAddresses > 1 ? "127.0.0.\(2 + i % options.sourceAddresses)" : nil)
    }
    // Open every connection first, so the measured window starts with all of them in place.
    let connectStart = NIODeadline.now()
    let connected = await withTaskGroup(of: Bool.self) { group in
        for w in workers { group.addTask { await w.connect() } }
        var n = 0
        for await ok in group where ok { n += 1 }
        return n
    }
    let connectSeconds = Double((NIODeadline.now() - connectStart).nanoseconds) / 1e9
    FileHandle.standardError.write(
        Data(
            String(
                format: "hoso-bench: %d/%d connections open in %.2f s; running %.0f s\n",
                connected, options.connections, connectSeconds, options.duration
            ).utf8))

    let cpu0 = cpuSeconds()
    shared.start = .now()
    shared.deadline = shared.start + .nanoseconds(Int64(options.duration * 1e9))
    await withTaskGroup(of: Void.self) { group in
        for w in workers { group.addTask { await w.run(shared) } }
    }
    let finished = NIODeadline.now()
    let cpu = cpuSeconds() - cpu0
    var stats = Stats()
    for w in workers { stats.merge(await w.result()) }
    try? await group.shutdownGracefully()

    // The window ends at the deadline, or earlier if the parents ran out.
    let windowEnd = min(shared.deadline, shared.exhaustedAt ?? shared.deadline)
    let window = Double((windowEnd - shared.start).nanoseconds) / 1e9
    let elapsed = Double((finished - shared.start).nanoseconds) / 1e9
    // The headline: applications submitted (answered with the redirect to the receipt) per second of the window.
    let rate = Double(stats.submittedInWindow) / window
    let flowRate = Double(stats.completed) / elapsed
    let flow = percentiles(stats.flow)
    var steps: [String: [String: Double]] = [:]
    for step in Step.allCases { steps[step.name] = percentiles(stats.latency[step.rawValue]) }

    func ms(_ d: [String: Double], _ k: String) -> String { d[k].map { String(format: "%8.1f", $0) } ?? "       -" }
    print(
        String(
            format: "connections %d, window %.1f s (all done after %.1f s), parents used %d", options.connections, window, elapsed,
            shared.used - options.skip))
    print(String(format: "submitted applications: %d in the window, %.1f per second", stats.submittedInWindow, rate))
    print(
        String(
            format: "completed flows (all five steps): %d, %.1f per second until the last ended (%d ended inside the window)",
            stats.completed, flowRate, stats.completedInWindow))
    print("step                              n      p50 ms   p90 ms   p99 ms   max ms")
    for step in Step.allCases {
        let d = steps[step.name]!
        print(
            "  \(step.path.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%7d", Int(d["n"] ?? 0))) \(ms(d, "p50")) \(ms(d, "p90")) \(ms(d, "p99")) \(ms(d, "max"))"
        )
    }
    print(
        "  \("whole flow".padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%7d", Int(flow["n"] ?? 0))) \(ms(flow, "p50")) \(ms(flow, "p90")) \(ms(flow, "p99")) \(ms(flow, "max"))"
    )
    print(
        String(
            format: "requests %d (%.0f/s); errors %d: non-2xx/3xx %d (422: %d), timeouts %d, connection errors %d",
            stats.requests, Double(stats.requests) / elapsed, stats.errorTotal, stats.statusBad, stats.status422, stats.timeouts,
            stats.connectionErrors))
    for (kind, n) in stats.errors.sorted(by: { $0.value > $1.value }) { print("  \(n) × \(kind)") }
    print(
        String(
            format: "refused (not errors): busy 503 %d (parents who gave up after %d retries: %d), limit 429 %d (flow ended)",
            stats.status503, options.busyRetries, stats.busyGaveUp, stats.status429))
    for (kind, n) in stats.refused.sorted(by: { $0.value > $1.value }) { print("  \(n) × \(kind)") }
    if let s = stats.sample422 { print("  first 422: \(s)") }
    if let s = stats.sampleError { print("  first error: \(s.replacingOccurrences(of: "\n", with: " ").prefix(300))") }
    print(String(format: "load generator CPU: %.1f s over %.1f s (%.0f%% of one core)", cpu, elapsed, 100 * cpu / elapsed))

    if let path = options.json {
        let object: [String: Any] = [
            "connections": options.connections, "window_s": window, "elapsed_s": elapsed, "parents_used": shared.used - options.skip,
            "next_skip": shared.used, "completed": stats.completed, "completed_in_window": stats.completedInWindow, "apps_per_s": rate,
            "submitted_in_window": stats.submittedInWindow, "flows_per_s": flowRate,
            "flow_ms": flow, "steps_ms": steps, "requests": stats.requests, "errors_total": stats.errorTotal,
            "errors": stats.errors, "non_2xx_3xx": stats.statusBad, "status_422": stats.status422, "timeouts": stats.timeouts,
            "connection_errors": stats.connectionErrors, "refused_503": stats.status503, "refused_429": stats.status429,
            "refused": stats.refused, "busy_gave_up": stats.busyGaveUp, "busy_retries": options.busyRetries, "connected": connected,
            "client_cpu_s": cpu,
            "source_addresses": options.sourceAddresses, "sample_422": stats.sample422 ?? "", "sample_error": stats.sampleError ?? "",
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        _ = FileManager.default.createFile(atPath: path, contents: data)
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail(usage) }
arguments.removeFirst()
switch command {
case "flow": await runFlow(Options.parse(arguments))
case "-h", "--help", "help": print(usage)
default: fail("unknown command \(command)\n\(usage)")
}
