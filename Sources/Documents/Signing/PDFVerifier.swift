import COpenSSL
import Foundation

/// Checks the PAdES signatures of a PDF with OpenSSL: for each signature dictionary, that its byte range leaves out
/// exactly its /Contents, that the CMS verifies over those bytes, and — given trusted certificates — that the
/// signer's certificate chains to one of them.
public enum PDFVerifier {
    /// One signature's verdict.
    public struct Verdict: Sendable, Equatable {
        /// The signer certificate's common name ("" when the CMS could not be read).
        public let signer: String
        /// The bytes signed match the signature.
        public let intact: Bool
        /// The certificate chains to a trusted one (nil when no trusted certificates were given).
        public let trusted: Bool?
        /// The signature covers the whole file (the last revision); earlier ones cover the revisions up to theirs.
        public let coversWholeFile: Bool
        /// What OpenSSL said, when it refused.
        public let problem: String?
    }

    /// The verdicts of every signature, oldest first; `trusted` are PEM certificates (the trial CA, a licensed CA).
    public static func verify(_ pdf: [UInt8], trusting trusted: [UInt8]? = nil) -> [Verdict] {
        ranges(in: pdf).map { check(pdf, range: $0, trusted: trusted) }
    }

    /// The byte ranges of the file's signature dictionaries, in file order.
    static func ranges(in pdf: [UInt8]) -> [[Int]] {
        let marker = Array("/ByteRange [".utf8)
        var result: [[Int]] = []
        var index = 0
        while index + marker.count < pdf.count {
            if pdf[index] == marker[0] && Array(pdf[index..<(index + marker.count)]) == marker {
                let end = pdf[(index + marker.count)...].firstIndex(of: UInt8(ascii: "]")) ?? pdf.count
                let numbers = String(decoding: pdf[(index + marker.count)..<end], as: UTF8.self).split(separator: " ").compactMap {
                    Int($0)
                }
                if numbers.count == 4 { result.append(numbers) }
                index = end
            }
            index += 1
        }
        return result
    }

    static func check(_ pdf: [UInt8], range: [Int], trusted: [UInt8]?) -> Verdict {
        let (a, b, c, d) = (range[0], range[1], range[2], range[3])
        func refused(_ problem: String) -> Verdict {
            Verdict(signer: "", intact: false, trusted: nil, coversWholeFile: false, problem: problem)
        }
        guard a == 0, b > 0, c > b + 1, d >= 0, c + d <= pdf.count, pdf[b] == UInt8(ascii: "<"), pdf[c - 1] == UInt8(ascii: ">") else {
            return refused("byte range does not frame the signature's contents")
        }
        let hex = Array(pdf[(b + 1)..<(c - 1)])
        var der: [UInt8] = []
        der.reserveCapacity(hex.count / 2)
        var i = 0
        while i + 1 < hex.count, let byte = UInt8(String(decoding: hex[i...(i + 1)], as: UTF8.self), radix: 16) {
            der.append(byte)
            i += 2
        }
        var pointer: UnsafePointer<UInt8>? = nil
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            pointer = buffer.baseAddress
            return d2i_CMS_ContentInfo(nil, &pointer, buffer.count)
        }
        guard let cms = parsed else { return refused("contents are not a CMS SignedData") }
        defer { CMS_ContentInfo_free(cms) }
        let signed = Array(pdf[0..<b]) + Array(pdf[c..<(c + d)])
        let store = X509_STORE_new()
        defer { X509_STORE_free(store) }
        if let trusted { addCertificates(trusted, to: store) }
        let intact = run(cms, signed, store: store, flags: UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY))
        let chained = trusted == nil ? nil : run(cms, signed, store: store, flags: UInt32(CMS_BINARY))
        let problem = intact ? nil : SigningIdentity.failure().description
        var signer = ""
        if let certificates = CMS_get1_certs(cms) {
            if OPENSSL_sk_num(certificates) > 0, let first = OPENSSL_sk_value(certificates, 0) {
                signer = signerName(cms) ?? SigningIdentity.commonName(OpaquePointer(first))
            }
            OPENSSL_sk_pop_free(certificates) { X509_free(OpaquePointer($0)) }
        }
        ERR_clear_error()
        return Verdict(signer: signer, intact: intact, trusted: chained, coversWholeFile: c + d == pdf.count, problem: problem)
    }

    static func run(_ cms: OpaquePointer, _ data: [UInt8], store: OpaquePointer?, flags: UInt32) -> Bool {
        data.withUnsafeBytes { bytes in
            guard let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count)) else { return false }
            defer { BIO_free(bio) }
            return CMS_verify(cms, nil, store, bio, nil, flags) == 1
        }
    }

    /// The common name of the certificate the signer info names (after a verification has bound it).
    static func signerName(_ cms: OpaquePointer) -> String? {
        guard let signers = CMS_get0_signers(cms) else { return nil }
        defer { OPENSSL_sk_free(signers) }
        guard OPENSSL_sk_num(signers) > 0, let first = OPENSSL_sk_value(signers, 0) else { return nil }
        return SigningIdentity.commonName(OpaquePointer(first))
    }

    static func addCertificates(_ pem: [UInt8], to store: OpaquePointer?) {
        pem.withUnsafeBytes { bytes in
            guard let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count)) else { return }
            defer { BIO_free(bio) }
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                X509_STORE_add_cert(store, certificate)
                X509_free(certificate)
            }
            ERR_clear_error()
        }
    }
}

extension SigningError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .wrongPassphraseOrFile: "wrong passphrase or not a PKCS#12 file"
        case .incomplete: "no private key or certificate"
        case .openSSL(let message): message
        case .pdf(let message): message
        }
    }
}
