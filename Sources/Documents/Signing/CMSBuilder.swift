import COpenSSL
import Foundation

/// The detached CMS SignedData of a PAdES baseline B-B signature, assembled in DER around a signature made elsewhere
/// (by a ``DocumentSigner``, whose key hoso may never hold): the signed attributes are content-type, message-digest
/// and signing-certificate-v2 — no signing-time, whose place in PAdES is the signature dictionary's /M.
enum CMSBuilder {
    enum OID {
        static let data = "1.2.840.113549.1.7.1"
        static let signedData = "1.2.840.113549.1.7.2"
        static let contentType = "1.2.840.113549.1.9.3"
        static let messageDigest = "1.2.840.113549.1.9.4"
        static let signingCertificateV2 = "1.2.840.113549.1.9.16.2.47"
        static let sha256 = "2.16.840.1.101.3.4.2.1"
        static let rsaEncryption = "1.2.840.113549.1.1.1"
        static let ecdsaWithSHA256 = "1.2.840.10045.4.3.2"
    }

    /// The signed attributes over content whose SHA-256 is `digest`, signed by `certificate`: the DER SET the
    /// signature covers.
    static func signedAttributes(contentDigest digest: [UInt8], certificate: [UInt8]) -> [UInt8] {
        let attributes = [
            DER.sequence(DER.oid(OID.contentType), DER.set([DER.oid(OID.data)])),
            DER.sequence(DER.oid(OID.messageDigest), DER.set([DER.octets(digest)])),
            // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash }] }, SHA-256 being the default hash.
            DER.sequence(
                DER.oid(OID.signingCertificateV2), DER.set([DER.sequence(DER.sequence(DER.sequence(DER.octets(sha256(certificate)))))])),
        ]
        return DER.set(attributes)
    }

    /// The ContentInfo holding the SignedData: `attributes` (as ``signedAttributes(contentDigest:certificate:)``
    /// made them) and their `signature` by the first of `certificates`, all certificates included.
    static func signedData(attributes: [UInt8], signature: [UInt8], certificates: [[UInt8]]) throws(SigningError) -> [UInt8] {
        guard let signer = certificates.first, let parsed = SigningIdentity.parse(signer) else { throw .pdf("no signer certificate") }
        defer { X509_free(parsed) }
        var name: UnsafeMutablePointer<UInt8>? = nil
        let nameLength = i2d_X509_NAME(X509_get_issuer_name(parsed), &name)
        var serial: UnsafeMutablePointer<UInt8>? = nil
        let serialLength = i2d_ASN1_INTEGER(X509_get_serialNumber(parsed), &serial)
        defer {
            CRYPTO_free(name, #file, #line)
            CRYPTO_free(serial, #file, #line)
        }
        guard nameLength > 0, serialLength > 0, let name, let serial else { throw SigningIdentity.failure() }
        let issuerAndSerial = DER.sequence(
            Array(UnsafeBufferPointer(start: name, count: Int(nameLength))),
            Array(UnsafeBufferPointer(start: serial, count: Int(serialLength))))
        let isEC = EVP_PKEY_get_base_id(X509_get0_pubkey(parsed)) == NID_X9_62_id_ecPublicKey
        let algorithm = isEC ? DER.sequence(DER.oid(OID.ecdsaWithSHA256)) : DER.sequence(DER.oid(OID.rsaEncryption), DER.null)
        let digestAlgorithm = DER.sequence(DER.oid(OID.sha256))
        // [0] IMPLICIT: the attributes' SET with its tag replaced.
        let implicitAttributes = [0xA0] + attributes.dropFirst()
        let signerInfo = DER.sequence(
            DER.integer(1), issuerAndSerial, digestAlgorithm, implicitAttributes, algorithm, DER.octets(signature))
        let signedData = DER.sequence(
            DER.integer(1), DER.set([digestAlgorithm]), DER.sequence(DER.oid(OID.data)),
            DER.tagged(0xA0, certificates.flatMap { $0 }), DER.set([signerInfo]))
        return DER.sequence(DER.oid(OID.signedData), DER.tagged(0xA0, signedData))
    }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha256(), nil)
        return digest
    }
}

/// The few DER encodings a CMS SignedData needs.
enum DER {
    static func tagged(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { [tag] + SigningIdentity.derLength(content.count) + content }
    static func sequence(_ parts: [UInt8]...) -> [UInt8] { tagged(0x30, parts.flatMap { $0 }) }
    /// A SET OF, its elements sorted by their encodings as DER requires.
    static func set(_ items: [[UInt8]]) -> [UInt8] { tagged(0x31, items.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }) }
    static func octets(_ bytes: [UInt8]) -> [UInt8] { tagged(0x04, bytes) }
    static func integer(_ value: UInt8) -> [UInt8] { [0x02, 0x01, value] }
    static let null: [UInt8] = [0x05, 0x00]

    static func oid(_ dotted: String) -> [UInt8] {
        let arcs = dotted.split(separator: ".").compactMap { UInt64($0) }
        var body: [UInt8] = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            body += chunk
        }
        return tagged(0x06, body)
    }
}
