import Admissions
import Foundation
import Records
import Testing
import VaporTesting

@testable import Web

/// `#textField` writes a form's text input with its label, hint and error, escaped, as the hand-written fields did.
@Suite struct TextFieldTagTests {
    @Test func aFieldWithAProblemIsMarkedForScreenReadersAndKeepsWhatWasTyped() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = TestBrowser(app)
            _ = try await parent.get("/tuyen-sinh")
            let opened = try await parent.post(
                "/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            #expect(opened.location == "/tuyen-sinh/ho-so")
            let typed = try await parent.post(
                "/tuyen-sinh/ho-so",
                [("childBirthDate", "31/02/2020"), ("motherName", #"Lan "<b>" & Co"#), ("motherPhone", "0912345678"), ("action", "submit")])
            #expect(typed.status == .unprocessableEntity)
            let body = typed.body
            #expect(body.contains(#"<div class="field has-error">"#))
            #expect(body.contains(#"<p class="hint" id="field-childBirthDate-hint">ngày/tháng/năm</p>"#))
            #expect(body.contains(#"<p class="field-error" id="field-childBirthDate-error"><span class="visually-hidden">Lỗi: </span>"#))
            #expect(
                body.contains(
                    #"<input type="text" class="w-short" id="field-childBirthDate" name="childBirthDate" value="31/02/2020" inputmode="decimal" aria-describedby="field-childBirthDate-hint field-childBirthDate-error" aria-invalid="true">"#
                ))
            // A field without a problem: the typed text escaped, no error, no aria-invalid.
            #expect(
                body.contains(
                    #"<input type="text" id="field-motherName" name="motherName" value="Lan &quot;&lt;b&gt;&quot; &amp; Co" autocomplete="name">"#
                ))
            #expect(!body.contains("field-motherName-error"))
            #expect(body.contains(#"<label for="field-motherEmail">Email của mẹ <span class="optional">(không bắt buộc)</span></label>"#))
            #expect(body.contains(#"<input type="email" id="field-motherEmail" name="motherEmail" value="">"#))
        }
    }

    @Test func onlyTheListedAttributesCanBeSet() {
        let html = TextFieldTag.html(
            name: "x", label: "Tên <b>", words: ["onclick=alert(1)", "class=w-short\"", "optional"], hint: "", value: "", problem: "")
        #expect(!html.contains("onclick"))
        #expect(html.contains(#"class="w-short&quot;""#))
        #expect(html.contains("Tên &lt;b&gt; <span class=\"optional\">"))
    }
}
