import Records
import Testing

@Suite struct ContactTests {
    @Test(arguments: [
        ("0987654321", "0987654321"), ("0987 654 321", "0987654321"), ("098.765.4321", "0987654321"),
        ("+84 98 765 4321", "0987654321"), ("+84987654321", "0987654321"), ("84987654321", "0987654321"),
        ("(+84) 912-345-602", "0912345602"), ("0356 000 111", "0356000111"),
    ])
    func aVietnameseMobileNumberIsReadInEveryUsualWriting(_ typed: String, _ normalised: String) {
        #expect(Contact.mobile(typed) == normalised)
    }

    @Test(arguments: ["091234567", "09123456789", "024 3825 1234", "0112345678", "+1 555 123 4567", "09l2345678", "", "98+7654321"])
    func anythingElseIsNotAMobileNumber(_ typed: String) {
        #expect(Contact.mobile(typed) == nil)
    }
}
