import COpenSSL
import Foundation

/// Why a signature could not be made.
public enum SigningError: Error, Sendable, Equatable {
    /// The PKCS#12 file could not be opened: a wrong passphrase or not a PKCS#12 file.
    case wrongPassphraseOrFile
    /// The file holds no private key or no certificate.
    case incomplete
    /// OpenSSL failed (its message).
    case openSSL(String)
    /// The PDF could not be updated (what is wrong with it).
    case pdf(String)
}

/// A signer's private key and certificate, read from a PKCS#12 file with its passphrase and kept in memory only for
/// one signing session: nothing of it is stored.
public final class SigningIdentity: @unchecked Sendable {
    let key: OpaquePointer
    let certificate: OpaquePointer
    let chain: [OpaquePointer]
    /// The certificate's subject common name, e.g. "Phạm Thị Hằng".
    public let commonName: String

    /// Opens `pkcs12` with `passphrase`.
    public init(pkcs12: [UInt8], passphrase: String) throws(SigningError) {
        var pointer: UnsafePointer<UInt8>? = nil
        let parsed: OpaquePointer? = pkcs12.withUnsafeBufferPointer { buffer in
            pointer = buffer.baseAddress
            return d2i_PKCS12(nil, &pointer, buffer.count)
        }
        guard let p12 = parsed else { throw .wrongPassphraseOrFile }
        defer { PKCS12_free(p12) }
        var key: OpaquePointer? = nil
        var certificate: OpaquePointer? = nil
        var stack: OpaquePointer? = nil
        guard PKCS12_parse(p12, passphrase, &key, &certificate, &stack) == 1 else {
            ERR_clear_error()
            throw .wrongPassphraseOrFile
        }
        var chain: [OpaquePointer] = []
        if let stack {
            for index in 0..<OPENSSL_sk_num(stack) {
                if let item = OPENSSL_sk_value(stack, index) { chain.append(OpaquePointer(item)) }
            }
            OPENSSL_sk_free(stack)
        }
        guard let key, let certificate else {
            if let key { EVP_PKEY_free(key) }
            if let certificate { X509_free(certificate) }
            for extra in chain { X509_free(extra) }
            throw .incomplete
        }
        self.key = key
        self.certificate = certificate
        self.chain = chain
        commonName = Self.commonName(certificate)
    }

    deinit {
        EVP_PKEY_free(key)
        X509_free(certificate)
        for extra in chain { X509_free(extra) }
    }

    static func commonName(_ certificate: OpaquePointer) -> String {
        guard let name = X509_get_subject_name(certificate) else { return "" }
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry) else { return "" }
        var utf8: UnsafeMutablePointer<UInt8>? = nil
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard length >= 0, let utf8 else { return "" }
        defer { CRYPTO_free(utf8, #file, #line) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    /// A detached CMS SignedData over `data` (CAdES: SHA-256, signing-certificate-v2), DER-encoded, with the
    /// signer's certificate and chain, and the signing time: what signs a statement (an audit head, a manifest).
    func signDetached(_ data: [UInt8]) throws(SigningError) -> [UInt8] {
        guard let bio = data.withUnsafeBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else { throw Self.failure() }
        defer { BIO_free(bio) }
        let flags = UInt32(CMS_DETACHED | CMS_BINARY | CMS_CADES | CMS_PARTIAL)
        guard let cms = CMS_sign(nil, nil, nil, nil, flags) else { throw Self.failure() }
        defer { CMS_ContentInfo_free(cms) }
        guard CMS_add1_signer(cms, certificate, key, EVP_sha256(), UInt32(CMS_BINARY | CMS_CADES)) != nil else { throw Self.failure() }
        for extra in chain where CMS_add1_cert(cms, extra) != 1 { throw Self.failure() }
        guard CMS_final(cms, bio, nil, flags) == 1 else { throw Self.failure() }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_CMS_ContentInfo(cms, &out)
        guard length > 0, let out else { throw Self.failure() }
        defer { CRYPTO_free(out, #file, #line) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    static func failure() -> SigningError {
        let code = ERR_get_error()
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        ERR_clear_error()
        return .openSSL(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    static func derLength(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
