import Foundation

/// A real server on loopback run from `Tests/Tools` (the aiosmtpd SMTP relay, the HTTPS recorder), with a CA and a
/// server certificate for 127.0.0.1 made with `openssl`: started per test, stopped when the test ends.
public final class LoopbackServer: @unchecked Sendable {
    public let port: Int
    public let directory: URL
    private let process: Process
    private let input: Pipe

    /// The CA that signed the server's certificate, to trust.
    public var caFile: String { directory.appendingPathComponent("ca.pem").path }
    /// A CA that signed nothing of the server's: trusting it alone must fail.
    public var otherCAFile: String { directory.appendingPathComponent("other-ca.pem").path }
    /// Where the server writes what it received.
    public var output: URL { directory.appendingPathComponent("out") }

    /// Starts `Tests/Tools/<script>` with `--cert`, `--key`, `--out` and `arguments`, once it prints "READY <port>".
    public init(_ script: String, arguments: [String] = [], outputIsFolder: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-loopback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if outputIsFolder {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("out"), withIntermediateDirectories: true)
        }
        try Self.certificates(in: directory.path)
        let tools = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tools")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let d = directory.path
        process.arguments =
            [tools.appendingPathComponent(script).path, "--cert", "\(d)/server.pem", "--key", "\(d)/server.key", "--out", "\(d)/out"]
            + arguments
        input = Pipe()
        let ready = Pipe()
        process.standardInput = input
        process.standardOutput = ready
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = ready.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Poppler.ToolFailed(description: "\(script) ended before it was ready") }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            throw Poppler.ToolFailed(description: "\(script) said \(text)")
        }
        self.port = port
    }

    deinit { stop() }

    /// Closes the server's standard input, which ends it, and waits.
    public func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The JSON files or lines the server wrote, in order, decoded.
    public func received() throws -> [[String: Any]] {
        let out = output
        var texts: [String] = []
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out.path, isDirectory: &isFolder) else { return [] }
        if isFolder.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted {
                Int($0.prefix { $0.isNumber }) ?? 0 < Int($1.prefix { $0.isNumber }) ?? 0
            }
            texts = try names.map { try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8) }
        } else {
            texts = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        return try texts.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
    }

    private static func certificates(in d: String) throws {
        func openssl(_ arguments: [String]) throws { _ = try Poppler.run("openssl", arguments, package: "openssl") }
        for ca in ["ca", "other-ca"] {
            try openssl([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(d)/\(ca).key",
                "-out", "\(d)/\(ca).pem", "-days", "2", "-subj", "/CN=hoso loopback \(ca)",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
        }
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n"
            .write(toFile: "\(d)/server.ext", atomically: true, encoding: .utf8)
        try openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(d)/server.key",
            "-out", "\(d)/server.csr", "-subj", "/CN=127.0.0.1",
        ])
        try openssl([
            "x509", "-req", "-in", "\(d)/server.csr", "-CA", "\(d)/ca.pem", "-CAkey", "\(d)/ca.key", "-set_serial", "2", "-days", "2",
            "-extfile", "\(d)/server.ext", "-out", "\(d)/server.pem",
        ])
    }
}
