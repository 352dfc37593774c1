import Documents

/// Tệp mẫu nhập cán bộ: the columns hoso reads, two example rows and the allowed values. Other systems' staff lists
/// import too when their headers name the same things.
public enum StaffImportTemplate {
    static let headers = ["STT", "Họ và tên", "Tên đăng nhập", "Email", "Số điện thoại", "Vai trò", "Lớp chủ nhiệm"]

    /// The workbook's bytes.
    public static func xlsx() throws -> [UInt8] {
        var writer = XLSXWriter()
        let examples: [[XLSXCell]] = [
            [
                .integer(1), .text("Nguyễn Thị Lan"), .empty, .text("lan.nt@truong.edu.vn"), .text("0912345678"), .text("Giáo viên"),
                .text("3A"),
            ],
            [.integer(2), .text("H'Mai Êban"), .text("hmai"), .empty, .text("0905111333"), .text("Giáo viên, Văn thư"), .empty],
        ]
        writer.addSheet(name: "Cán bộ", header: headers, rows: examples)
        let roles = StaffImportParser.roleWords.filter { $0.value != .inspector }
        let guide: [[String]] = [
            ["Họ và tên", "Viết đủ họ, tên đệm và tên; tên Ê Đê bắt đầu bằng Y hoặc H' được hiểu là tên trước, họ sau."],
            ["Tên đăng nhập", "Để trống thì hoso đặt từ tên và chữ đầu của họ, tên đệm (Nguyễn Thị Lan → lannt)."],
            ["Email, số điện thoại", "Không bắt buộc; số di động 10 chữ số."],
            [
                "Vai trò",
                "Một hoặc nhiều, cách nhau bằng dấu phẩy: "
                    + Set(roles.values).sorted().map(\.label).joined(separator: ", ")
                    + ". Để trống thì là Giáo viên. Vai trò Thanh tra giao trên trang tài khoản.",
            ],
            ["Lớp chủ nhiệm", "Tên lớp của năm học hiện tại (3A); để trống nếu không chủ nhiệm."],
            ["Sau khi nhập", "Tài khoản bị khoá cho đến khi ban quản trị đặt mật khẩu đầu tiên trên trang của từng người."],
        ]
        writer.addSheet(
            name: "Hướng dẫn", header: ["Cột", "Cách ghi"], rows: guide.map { $0.map(XLSXCell.text) }, columnWidths: [24, 110])
        return try writer.data()
    }
}
