/// A tiny valid PDF standing in for a scanned birth certificate in web tests.
public enum SampleUploads {
    public static let birthCertificatePDF: [UInt8] = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
}
