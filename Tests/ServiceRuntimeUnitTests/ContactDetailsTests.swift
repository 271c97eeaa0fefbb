import ServiceRuntime
import Testing

/// The one rule intake's referrals and scheduling's parties hold phones and emails to.
@Suite("Contact details")
struct ContactDetailsTests {
    @Test("Russian and Kazakh numbers in everyday spellings normalise to +7 and ten digits", arguments: [
        ("+7 (912) 345-67-89", "+79123456789"), ("8 912 345 67 89", "+79123456789"), ("79123456789", "+79123456789"),
        ("8-701-123-45-67", "+77011234567"), ("+77011234567", "+77011234567"), ("8\u{A0}912\u{A0}345\u{A0}67\u{A0}89", "+79123456789"),
    ])
    func phones(text: String, normalised: String) {
        #expect(ContactDetails.normalisedPhone(text) == normalised)
    }

    @Test("other numbers are refused", arguments: [
        "12345", "+1 212 555 0100", "8 912 345 67 8", "+7 912 345 67 899", "8912345678９", "+7abcdefghij", "", "+8 912 345 67 89",
        "8 (912) 345 - 67 - 89                ",
    ])
    func notPhones(text: String) {
        #expect(ContactDetails.normalisedPhone(text) == nil)
    }

    @Test("addresses with one @, a local part and a dotted domain are emails", arguments: [
        "ivanova@mail.ru", "a.b+c@school-12.edu.kz", String(repeating: "a", count: 64) + "@b.ru",
    ])
    func emails(text: String) {
        #expect(ContactDetails.isEmailAddress(text))
    }

    @Test("anything else is not", arguments: [
        "not-an-e-mail", "", "@mail.ru", "ivanova@", "ivanova@mail", "a@b@c.ru", "a@.mail.ru", "a@mail.ru.", "a..b@mail.ru",
        "a b@mail.ru", "a@mail.ru, b@mail.ru", "a@mail.ru;", "a\u{0}@mail.ru", "a\u{202E}@mail.ru", String(repeating: "a", count: 65) + "@b.ru",
        "a@" + String(repeating: "b", count: 250) + ".ru",
    ])
    func notEmails(text: String) {
        #expect(!ContactDetails.isEmailAddress(text))
    }
}
