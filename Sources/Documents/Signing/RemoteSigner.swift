import COpenSSL
import Foundation

/// One message to sign: the DER of a CMS SignerInfo's signed attributes, and its SHA-256 (what most signing
/// services take).
public struct SigningRequest: Sendable, Equatable {
    public let message: [UInt8]
    public let sha256: [UInt8]
}

/// Whoever holds the private key of a signature: a PKCS#12 opened for one session (``SigningIdentity``), or a
/// remote signing service (SmartCA-style cloud signing, where the key never leaves the provider and its holder
/// approves each batch on their phone). An adapter for a service implements these two calls; see
/// `docs/SIGNING.md` for what one needs. Signatures are RSA PKCS#1 v1.5 with SHA-256.
public protocol DocumentSigner: Sendable {
    /// The signer's certificate first, then the chain up to (not necessarily including) the root, each DER.
    func certificates() async throws -> [[UInt8]]
    /// The signatures of `requests`, in order, after one approval by the key's holder for all of them;
    /// `purpose` is shown to the holder ("Ký 35 học bạ lớp 5A").
    func sign(_ requests: [SigningRequest], purpose: String) async throws -> [[UInt8]]
}

extension SigningIdentity: DocumentSigner {
    public func certificates() async throws -> [[UInt8]] { [certificateDER] + chain.map(Self.der) }

    public func sign(_ requests: [SigningRequest], purpose: String) async throws -> [[UInt8]] {
        try requests.map { try rawSignature($0.message) }
    }

    /// The RSA (or ECDSA) signature with SHA-256 of `message`.
    func rawSignature(_ message: [UInt8]) throws(SigningError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw Self.failure() }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else { throw Self.failure() }
        var size = 0
        guard EVP_DigestSign(context, nil, &size, message, message.count) == 1 else { throw Self.failure() }
        var signature = [UInt8](repeating: 0, count: size)
        guard EVP_DigestSign(context, &signature, &size, message, message.count) == 1 else { throw Self.failure() }
        return Array(signature.prefix(size))
    }

    /// The common name in a DER certificate ("" when it cannot be read).
    public static func commonName(ofCertificate der: [UInt8]) -> String {
        guard let certificate = parse(der) else { return "" }
        defer { X509_free(certificate) }
        return commonName(certificate)
    }

    static func parse(_ der: [UInt8]) -> OpaquePointer? {
        var pointer: UnsafePointer<UInt8>? = nil
        return der.withUnsafeBufferPointer { buffer in
            pointer = buffer.baseAddress
            return d2i_X509(nil, &pointer, buffer.count)
        }
    }
}
