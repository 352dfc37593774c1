import COpenSSL
import Foundation

/// A school's own trial certificate authority, made by hoso for the demo and for schools that have no licensed CA
/// yet: an RSA-2048 root and the PKCS#12 files it issues to the staff and to the school's seal. Certificates follow
/// what NSS (and so `pdfsig`) accepts: no ExtendedKeyUsage on the root, positive serials without the top bit.
/// Signatures made with them verify in any reader once the root certificate is imported as trusted.
extension SigningIdentity {
    /// A new root: a key and a self-signed certificate named `name` (e.g. "CA thử nghiệm — Trường Tiểu học Trung
    /// Vương"), valid for `days`, returned as a PKCS#12 locked with `passphrase`.
    public static func makeAuthority(name: String, organization: String, passphrase: String, days: Int = 3_650) throws(SigningError)
        -> [UInt8]
    {
        let key = try newKey()
        defer { EVP_PKEY_free(key) }
        let certificate = try makeCertificate(
            commonName: name, organization: organization, key: key, issuer: nil, isAuthority: true, days: days)
        defer { X509_free(certificate) }
        return try pkcs12(key: key, certificate: certificate, chain: [], name: name, passphrase: passphrase)
    }

    /// A signing certificate for `commonName` (a teacher's name as the account has it, or the school's name for its
    /// seal) issued by this identity, which must be an authority; returned as a PKCS#12 locked with `passphrase`,
    /// holding the root too.
    public func issue(commonName: String, organization: String, passphrase: String, days: Int = 1_095) throws(SigningError) -> [UInt8] {
        let key = try Self.newKey()
        defer { EVP_PKEY_free(key) }
        let certificate = try Self.makeCertificate(
            commonName: commonName, organization: organization, key: key, issuer: (self.certificate, self.key), isAuthority: false,
            days: days)
        defer { X509_free(certificate) }
        return try Self.pkcs12(key: key, certificate: certificate, chain: [self.certificate], name: commonName, passphrase: passphrase)
    }

    /// This identity as a PKCS#12 locked with `passphrase` (to keep it under another lock).
    public func exported(passphrase: String) throws(SigningError) -> [UInt8] {
        try Self.pkcs12(key: key, certificate: certificate, chain: chain, name: commonName, passphrase: passphrase)
    }

    /// The certificate, DER-encoded.
    public var certificateDER: [UInt8] { Self.der(certificate) }

    /// The certificate as PEM text, to import as trusted (for a root) or to publish.
    public var certificatePEM: String {
        let base64 = Data(certificateDER).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// A detached CMS signature (CAdES, SHA-256) over `statement`, DER-encoded: what anchors an audit head or signs a
    /// manifest.
    public func signStatement(_ statement: [UInt8]) throws(SigningError) -> [UInt8] { try signDetached(statement) }

    /// Whether `signature` is a valid CMS signature over `statement` made with the key of the certificate
    /// `certificateDER` (compared byte for byte, so a look-alike certificate does not pass).
    public static func verifyStatement(_ signature: [UInt8], over statement: [UInt8], signedBy certificateDER: [UInt8]) -> Bool {
        var pointer: UnsafePointer<UInt8>? = nil
        let parsed: OpaquePointer? = signature.withUnsafeBufferPointer { buffer in
            pointer = buffer.baseAddress
            return d2i_CMS_ContentInfo(nil, &pointer, buffer.count)
        }
        guard let cms = parsed else { return false }
        defer { CMS_ContentInfo_free(cms) }
        defer { ERR_clear_error() }
        guard PDFVerifier.run(cms, statement, store: nil, flags: UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY)),
            let signers = CMS_get0_signers(cms)
        else { return false }
        defer { OPENSSL_sk_free(signers) }
        guard OPENSSL_sk_num(signers) == 1, let first = OPENSSL_sk_value(signers, 0) else { return false }
        return der(OpaquePointer(first)) == certificateDER
    }

    static func der(_ certificate: OpaquePointer) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509(certificate, &out)
        guard length > 0, let out else { return [] }
        defer { CRYPTO_free(out, #file, #line) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    static func newKey() throws(SigningError) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_id(NID_rsaEncryption, nil) else { throw failure() }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1,
            EVP_PKEY_keygen(context, &key) == 1, let key
        else { throw failure() }
        return key
    }

    static func makeCertificate(
        commonName: String, organization: String, key: OpaquePointer, issuer: (certificate: OpaquePointer, key: OpaquePointer)?,
        isAuthority: Bool, days: Int
    ) throws(SigningError) -> OpaquePointer {
        guard let certificate = X509_new() else { throw failure() }
        func fail() -> SigningError {
            X509_free(certificate)
            return failure()
        }
        let subject = X509_get_subject_name(certificate)
        guard X509_set_version(certificate, 2) == 1,
            ASN1_INTEGER_set(X509_get_serialNumber(certificate), Int.random(in: 1...Int(Int32.max) << 30)) == 1,
            X509_gmtime_adj(X509_getm_notBefore(certificate), -3_600) != nil,
            X509_gmtime_adj(X509_getm_notAfter(certificate), days * 86_400) != nil, X509_set_pubkey(certificate, key) == 1,
            X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, Array(commonName.utf8), Int32(commonName.utf8.count), -1, 0) == 1,
            X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8, Array(organization.utf8), Int32(organization.utf8.count), -1, 0) == 1,
            X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0.certificate) } ?? subject) == 1
        else { throw fail() }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.certificate ?? certificate, certificate, nil, nil, 0)
        let extensions: [(Int32, String)] =
            isAuthority
            ? [
                (NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
            ]
            : [
                (NID_basic_constraints, "CA:FALSE"), (NID_key_usage, "critical,digitalSignature,nonRepudiation"),
                (NID_subject_key_identifier, "hash"), (NID_authority_key_identifier, "keyid"),
            ]
        for (nid, value) in extensions {
            guard let made = X509V3_EXT_conf_nid(nil, &context, nid, value) else { throw fail() }
            defer { X509_EXTENSION_free(made) }
            guard X509_add_ext(certificate, made, -1) == 1 else { throw fail() }
        }
        guard X509_sign(certificate, issuer?.key ?? key, EVP_sha256()) > 0 else { throw fail() }
        return certificate
    }

    static func pkcs12(key: OpaquePointer, certificate: OpaquePointer, chain: [OpaquePointer], name: String, passphrase: String)
        throws(SigningError) -> [UInt8]
    {
        guard let stack = OPENSSL_sk_new_null() else { throw failure() }
        defer { OPENSSL_sk_free(stack) }
        for extra in chain { OPENSSL_sk_push(stack, UnsafeRawPointer(extra)) }
        guard let p12 = PKCS12_create(passphrase, name, key, certificate, stack, 0, 0, 0, 0, 0) else { throw failure() }
        defer { PKCS12_free(p12) }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PKCS12(p12, &out)
        guard length > 0, let out else { throw failure() }
        defer { CRYPTO_free(out, #file, #line) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }
}
