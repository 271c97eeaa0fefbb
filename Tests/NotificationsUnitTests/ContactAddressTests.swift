@testable import NotificationsService
import Testing

@Suite("Contact addresses")
struct ContactAddressTests {
    @Test("an ordinary address is valid")
    func goodEmail() {
        for good in ["smirnova@sluzhba-ekb.ru", "i.ivanov+notify@mail.example.org", "a@b.kz"] {
            #expect(EmailAddress.isValid(good), "\(good)")
        }
    }

    @Test("an address without exactly one @ and a dotted domain is invalid")
    func misshapenEmail() {
        for bad in ["smirnova.sluzhba.ru", "smirnova@@sluzhba.ru", "smirnova@sluzhba@ekb.ru", "@sluzhba.ru", "smirnova@", "smirnova@ru",
                    "smirnova@.ru", "smirnova@sluzhba.", "smirnova@sluzhba..ru", ""] {
            #expect(!EmailAddress.isValid(bad), "\(bad)")
        }
    }

    @Test("spaces, control characters and SMTP or header syntax are refused")
    func injection() {
        for bad in [
            "smir nova@sluzhba.ru", " smirnova@sluzhba.ru", "smirnova@sluzhba.ru ", "smirnova@sluzhba.ru\tx",
            "a@b.ru\r\nRCPT TO:<x@y.ru>", "a@b.ru\r\nDATA", "a@b.ru\nBcc: x", "a@b.ru\r", "a\u{0}@b.ru", "a\u{7F}@b.ru",
            "<a@b.ru>", "Smirnova <a@b.ru>", "a@b.ru>", "a,b@c.ru", "a;b@c.ru", "a:b@c.ru", "\"a\"@b.ru", "a(b)@c.ru", "a@[1.2.3.4]",
        ] {
            #expect(!EmailAddress.isValid(bad), "\(bad.debugDescription)")
        }
    }

    @Test("spaces and control characters beyond ASCII are refused too")
    func unicodeSpacesAndControls() {
        for bad in ["a\u{85}@b.ru", "a\u{A0}b@c.ru", "a@b.ru\u{2028}", "a\u{9B}@b.ru"] {
            #expect(!EmailAddress.isValid(bad), "\(bad.debugDescription)")
        }
    }

    @Test("an address longer than SMTP allows is refused")
    func tooLong() {
        #expect(!EmailAddress.isValid(String(repeating: "a", count: 65) + "@b.ru"))
        #expect(EmailAddress.isValid(String(repeating: "a", count: 64) + "@b.ru"))
        #expect(!EmailAddress.isValid("a@" + String(repeating: "b", count: 250) + ".ru"))
    }

    @Test("Russian and Kazakh numbers in their usual spellings normalise to E.164")
    func phones() {
        let cases = [
            "8 912 345-67-89": "+79123456789",
            "+7 (912) 345-67-89": "+79123456789",
            "89123456789": "+79123456789",
            "7 912 345 67 89": "+79123456789",
            "+77011234567": "+77011234567",
            "8 (701) 123-45-67": "+77011234567",
            "+375 29 123-45-67": "+375291234567",
        ]
        for (text, expected) in cases {
            #expect(PhoneNumber.normalised(text) == expected, "\(text)")
        }
    }

    @Test("garbage, numbers too short or too long, and letters are no phone number")
    func notPhones() {
        for bad in [
            "", " ", "+", "--", "hello", "8 912 ABC-67-89", "+7 912 345 67 8x", "+7912", "12345", "8 912 345-67-8", "9123456789",
            "+7 912 345 67 89 12345", "+0123456789", "8.912.345.67.89", "++79123456789", "+7 912 345 67 89\n",
            "８９１２３４５６７８９",
        ] {
            #expect(PhoneNumber.normalised(bad) == nil, "\(bad.debugDescription)")
        }
    }
}
