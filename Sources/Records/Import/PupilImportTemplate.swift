import Documents

/// Tệp mẫu nhập học sinh: the columns hoso reads, two example rows (a Kinh and an Ê Đê name) and a sheet of the
/// allowed values. Files from other systems need not follow it; their headers are recognised or chosen on the
/// preview.
public enum PupilImportTemplate {
    /// The template's columns, in order.
    public static let columns: [PupilColumn] = [
        .number, .registerNumber, .personalID, .fullName, .birthDate, .sex, .ethnicity, .placeOfBirth, .hometown,
        .address, .className, .entryDate, .fatherName, .fatherPhone, .motherName, .motherPhone, .guardianName,
        .guardianPhone,
    ]

    /// The header cells: short names the importer recognises.
    static let headers = [
        "STT", "Số đăng bộ", "Mã định danh", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Nơi sinh", "Quê quán",
        "Nơi ở hiện nay", "Lớp", "Ngày vào trường", "Họ tên cha", "Điện thoại cha", "Họ tên mẹ", "Điện thoại mẹ",
        "Họ tên người giám hộ", "Điện thoại người giám hộ",
    ]

    /// The workbook's bytes.
    public static func xlsx() throws -> [UInt8] {
        var writer = XLSXWriter()
        let examples: [[XLSXCell]] = [
            [
                .integer(1), .text("45/2023"), .text("066316000123"), .text("Nguyễn Thị Ánh"), .date(year: 2016, month: 3, day: 5),
                .text("Nữ"), .text("Kinh"), .text("Buôn Hồ, Đắk Lắk"), .text("Quảng Nam"), .text("Tổ dân phố 3, phường An Lạc"),
                .text("3A"), .date(year: 2022, month: 9, day: 5), .text("Nguyễn Văn Bình"), .text("0912345678"),
                .text("Trần Thị Cúc"), .text("0987654321"), .empty, .empty,
            ],
            [
                .integer(2), .text("46/2023"), .empty, .text("H'Hen Niê"), .date(year: 2016, month: 11, day: 20), .text("Nữ"),
                .text("Ê Đê"), .text("Buôn Hồ, Đắk Lắk"), .text("Đắk Lắk"), .text("Buôn Kmrơng Prông A"), .text("3B"),
                .date(year: 2022, month: 9, day: 5), .text("Y Blih Êban"), .empty, .text("H'Lan Niê"), .text("0905111222"),
                .empty, .empty,
            ],
        ]
        writer.addSheet(name: "Học sinh", header: headers, rows: examples)
        let guide: [[String]] = [
            ["Họ và tên", "Viết như giấy khai sinh. Tên Ê Đê bắt đầu bằng Y hoặc H' được hiểu là tên trước, họ sau (H'Hen Niê)."],
            ["Ngày sinh, ngày vào trường", "dd/mm/yyyy, ví dụ 05/03/2016; ô kiểu ngày của Excel cũng được."],
            ["Giới tính", "Nam hoặc Nữ."],
            ["Dân tộc", Ethnicity.choices.joined(separator: ", ") + "."],
            ["Lớp", "Tên lớp như trong hoso (3A); lớp chưa có có thể được tạo khi nhập."],
            ["Mã định danh", "12 chữ số; Excel bỏ số 0 đầu thì hoso thêm lại."],
            ["Số điện thoại", "Di động 10 chữ số, bắt đầu bằng 0 (hoặc +84)."],
            ["Số đăng bộ", "Số trong sổ đăng bộ cũ, giữ nguyên; để trống thì hoso cấp số mới."],
            ["Ngày vào trường", "Để trống thì lấy ngày khai giảng của năm học."],
        ]
        writer.addSheet(
            name: "Hướng dẫn", header: ["Cột", "Cách ghi"], rows: guide.map { $0.map(XLSXCell.text) }, columnWidths: [26, 110])
        return try writer.data()
    }
}
