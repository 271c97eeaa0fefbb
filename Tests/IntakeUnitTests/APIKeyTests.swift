import Foundation
@testable import IntakeService
import ServiceRuntime
import Testing

@Suite("API keys")
struct APIKeyTests {
    @Test("a generated key reads back from its text, and only its own secret matches its digest")
    func roundTrip() throws {
        let key = APIKey.generate()
        #expect(key.text.hasPrefix("acc_"))
        #expect(key.text.count == 4 + 32 + 1 + 43)
        let parsed = try #require(APIKey(key.text))
        #expect(parsed == key)
        #expect(parsed.matches(key.secretDigest))
        #expect(!APIKey.generate().matches(key.secretDigest))
        #expect(APIKey.generate().text != key.text)
    }

    @Test("anything not shaped like a key is refused", arguments: [
        "", "acc_", "acc__", "bearer", "acc_0123456789abcdef0123456789abcdef",
        "acc_0123456789abcdef0123456789abcdeg_" + String(repeating: "A", count: 43),
        "acc_0123456789abcdef0123456789abcdef_" + String(repeating: "A", count: 42),
        "acc_0123456789abcdef0123456789abcdef_" + String(repeating: "A", count: 42) + "=",
        "xyz_0123456789abcdef0123456789abcdef_" + String(repeating: "A", count: 43),
    ])
    func malformed(text: String) {
        #expect(APIKey(text) == nil)
    }
}

@Suite("Webhook URLs")
struct WebhookURLTests {
    @Test("https anywhere; http only to loopback and private networks", arguments: [
        ("https://court.example/hooks", true), ("http://127.0.0.1:9000/x", true), ("http://192.168.1.10/x", true),
        ("http://172.16.0.1/x", true), ("http://172.32.0.1/x", false), ("http://8.8.8.8/x", false),
        ("https://u:p@court.example/x", false), ("https://court.example/x#frag", false), ("javascript:alert(1)", false), ("", false),
    ])
    func validation(url: String, accepted: Bool) {
        #expect((WebhookURL.validated(url) != nil) == accepted)
    }
}

@Suite("Referral list cursors")
struct ReferralCursorTests {
    @Test("a cursor reads back to the same position, to the microsecond")
    func roundTrip() throws {
        let cursor = ReferralCursor(updatedAt: Date(timeIntervalSince1970: 1_795_000_000.123456), id: .init(UUID()))
        let parsed = try #require(ReferralCursor(cursor.text))
        #expect(parsed == cursor)
    }

    @Test("garbage is refused, not trusted", arguments: ["", "!!", "bm90IGEgY3Vyc29y", "MTIzLm5vdC1hLXV1aWQ", "LTEuMDE5NWYyYTAtMWMwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAx"])
    func garbage(text: String) {
        #expect(ReferralCursor(text) == nil)
    }
}

@Suite("Text rules")
struct TextRulesTests {
    @Test("school classes: grade 1–11, optional space or hyphen, one letter", arguments: [
        ("7Б", true), ("11 А", true), ("5-a", true), ("1Ә", true), ("12А", false), ("0А", false), ("07Б", false), ("7", false),
        ("7БВ", false), ("седьмой", false), ("7 ", false), ("", false),
    ])
    func schoolClass(text: String, valid: Bool) {
        #expect(text.isSchoolClass == valid)
    }

    @Test("names: letters of any script with their marks, spaces, hyphens, apostrophes, dots", arguments: [
        ("Иванов-Петров", true), ("О'Коннор", true), ("Әлібек", true), ("Й", true), ("Ivan 2", false), ("A<b>", false), ("Ли😀", false),
    ])
    func personName(text: String, valid: Bool) {
        #expect(text.isPersonNamePart == valid)
    }

    @Test("trimming and forbidden characters")
    func trimming() {
        #expect("  Иванов \n".trimmedOfWhiteSpace == "Иванов")
        #expect("\u{00A0}x\u{3000}".trimmedOfWhiteSpace == "x")
        #expect("   ".trimmedOfWhiteSpace.isEmpty)
        #expect("line\nbreak".containsForbiddenScalar(multiline: false))
        #expect(!"line\nbreak".containsForbiddenScalar(multiline: true))
        #expect("bell\u{7}".containsForbiddenScalar(multiline: true))
        #expect("sep\u{2028}".containsForbiddenScalar(multiline: true))
        #expect("\u{202E}evil".containsForbiddenScalar(multiline: true))
        #expect("c1\u{85}".containsForbiddenScalar(multiline: true))
        #expect("\u{E000}".containsForbiddenScalar(multiline: true))
        #expect(!"Драка 7Б «СОШ № 1»".containsForbiddenScalar(multiline: false))
        #expect("ё".codePointCount == 1)
        #expect("е\u{0308}".codePointCount == 2)
    }
}
