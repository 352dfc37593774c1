import Foundation

/// A trial CA and signers' PKCS#12 files made with the `openssl` command, for signature tests: the CA without an
/// ExtendedKeyUsage and serials without the top bit, which NSS would refuse.
public struct TrialCA: Sendable {
    public let directory: URL
    public var caPEM: URL { directory.appendingPathComponent("ca.pem") }

    /// A CA with one PKCS#12 per (file name, common name); each passphrase is ``passphrase(_:)``.
    public static func make(signers: [(String, String)]) throws -> TrialCA {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ca = TrialCA(directory: directory)
        let d = directory.path
        try ca.openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(d)/ca.key", "-out", "\(d)/ca.pem", "-days", "30",
            "-subj", "/CN=hoso trial CA/O=Truong Tieu hoc Trung Vuong", "-set_serial", "1",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try "keyUsage=critical,digitalSignature,nonRepudiation\n".write(toFile: "\(d)/signer.ext", atomically: true, encoding: .utf8)
        for (index, (name, commonName)) in signers.enumerated() {
            try ca.openssl([
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(d)/\(name).key", "-out", "\(d)/\(name).csr", "-utf8", "-subj",
                "/CN=\(commonName)",
            ])
            try ca.openssl([
                "x509", "-req", "-in", "\(d)/\(name).csr", "-CA", "\(d)/ca.pem", "-CAkey", "\(d)/ca.key", "-set_serial", "\(index + 2)",
                "-days", "30", "-extfile", "\(d)/signer.ext", "-out", "\(d)/\(name).pem",
            ])
            try ca.openssl([
                "pkcs12", "-export", "-inkey", "\(d)/\(name).key", "-in", "\(d)/\(name).pem", "-certfile", "\(d)/ca.pem",
                "-out", "\(d)/\(name).p12", "-passout", "pass:\(ca.passphrase(name))",
            ])
        }
        return ca
    }

    func openssl(_ arguments: [String]) throws { _ = try Poppler.run("openssl", arguments, package: "openssl") }

    /// The passphrase of signer `name`'s PKCS#12.
    public func passphrase(_ name: String) -> String { "mat-khau-\(name)" }

    /// Signer `name`'s PKCS#12 file.
    public func pkcs12(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: directory.appendingPathComponent("\(name).p12")))
    }

    /// An NSS store for `pdfsig` that trusts the CA.
    public func trustStore() throws -> String {
        let store = directory.appendingPathComponent("nss").path
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        _ = try Poppler.run("certutil", ["-N", "-d", "sql:\(store)", "--empty-password"], package: "libnss3-tools")
        _ = try Poppler.run(
            "certutil", ["-A", "-d", "sql:\(store)", "-n", "hoso-ca", "-t", "CT,C,C", "-i", caPEM.path], package: "libnss3-tools")
        return "sql:\(store)"
    }
}
