import Documents
import Records
import Vapor

extension Request {
    /// The PKCS#12 uploaded as `file`, opened with the `passphrase` field, for this request only (nothing is kept).
    func uploadedIdentity() throws -> SigningIdentity {
        let file = try? content.get(File.self, at: "file")
        let passphrase = (try? content.get(String.self, at: "passphrase")) ?? ""
        guard let file, file.data.readableBytes > 0 else { throw FieldProblems("file", "Chọn tệp chứng thư số (.p12 hoặc .pfx).") }
        do {
            return try SigningIdentity(pkcs12: Array(file.data.readableBytesView), passphrase: passphrase)
        } catch {
            throw FieldProblems("passphrase", "Không mở được chứng thư số: sai mật khẩu hoặc không phải tệp .p12/.pfx.")
        }
    }
}
