import Foundation
@testable import NotificationsService
import Testing

@Suite("Email messages")
struct EmailMessageTests {
    static let deliveryID = UUID(uuidString: "8F0C2A4E-1B3D-4C5E-9F60-718293A4B5C6")!
    static let subject = "Приглашение на встречу — 1 декабря 2026 г. в 12:00 (предварительная встреча, Служба примирения) 🕊"
    static let body = "Здравствуйте!\n\nПриглашаем Вас на встречу.\r\nС уважением,\nСлужба примирения"

    static func message(subject: String = subject) -> EmailMessage {
        EmailMessage(
            from: "noreply@sluzhba-ekb.ru", fromName: "Служба примирения", to: "smirnova@mail.example.org", subject: subject, body: body,
            deliveryID: deliveryID, date: Date(timeIntervalSince1970: 1_796_108_400))  // 2026-12-01T07:00:00Z, a Tuesday.
    }

    /// The message's header block and body, split at the first empty line.
    static func parts(_ message: EmailMessage) throws -> (headers: [String], body: String) {
        let text = try #require(String(data: message.bytes, encoding: .ascii))
        let split = try #require(text.range(of: "\r\n\r\n"))
        return (text[..<split.lowerBound].components(separatedBy: "\r\n"), String(text[split.upperBound...]))
    }

    /// A header's value: its first line after the name and any continuation lines, one element per line.
    static func header(_ name: String, in headers: [String]) throws -> [String] {
        let start = try #require(headers.firstIndex { $0.hasPrefix(name + ": ") })
        let continuation = headers[(start + 1)...].prefix { $0.hasPrefix(" ") }.map { String($0.dropFirst()) }
        return [String(headers[start].dropFirst(name.count + 2))] + continuation
    }

    @Test("the message is 7-bit and every line ends in CRLF")
    func lineEndings() {
        let bytes = Array(Self.message().bytes)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)") }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)") }
        }
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
    }

    @Test("the headers carry the delivery's Message-ID, the date in UTC and a UTF-8 plain-text, base64 body")
    func headers() throws {
        let headers = try Self.parts(Self.message()).headers
        #expect(headers.contains("Message-ID: <8f0c2a4e-1b3d-4c5e-9f60-718293a4b5c6@accord-notifications>"))
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(headers.contains("Content-Transfer-Encoding: base64"))
        #expect(headers.contains("MIME-Version: 1.0"))
        #expect(headers.contains("Date: Tue, 01 Dec 2026 07:00:00 +0000"))
        #expect(headers.contains("To: <smirnova@mail.example.org>"))
        #expect(try Self.header("From", in: headers).joined().hasSuffix(" <noreply@sluzhba-ekb.ru>"))
    }

    @Test("the body is base64 in lines of at most 76 characters, decoding to the text with CRLF line endings")
    func body() throws {
        let encoded = try Self.parts(Self.message()).body
        let lines = encoded.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 76 })
        let decoded = try #require(Data(base64Encoded: lines.joined()))
        #expect(String(decoding: decoded, as: UTF8.self)
            == "Здравствуйте!\r\n\r\nПриглашаем Вас на встречу.\r\nС уважением,\r\nСлужба примирения")
    }

    @Test("a Russian subject goes as UTF-8 encoded words of at most 75 characters that decode back to it")
    func encodedSubject() throws {
        let words = try Self.header("Subject", in: Self.parts(Self.message()).headers)
        #expect(words.count > 1)
        var decoded = ""
        for word in words {
            #expect(word.count <= 75, "\(word)")
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), "\(word)")
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            // Each word holds whole characters.
            decoded += try #require(String(data: payload, encoding: .utf8))
        }
        #expect(decoded == Self.subject)
    }

    @Test("an ASCII subject stays plain; one that looks like an encoded word does not")
    func plainSubject() throws {
        #expect(try Self.header("Subject", in: Self.parts(Self.message(subject: "Meeting invitation")).headers) == ["Meeting invitation"])
        let lookalike = try Self.header("Subject", in: Self.parts(Self.message(subject: "=?UTF-8?B?0J/RgNC40LLQtdGC?=")).headers)
        #expect(lookalike != ["=?UTF-8?B?0J/RgNC40LLQtdGC?="])
    }

    @Test("line breaks in a subject cannot start a header of their own")
    func headerInjection() throws {
        let headers = try Self.parts(Self.message(subject: "Hello\r\nBcc: attacker@example.org")).headers
        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
        #expect(try Self.header("Subject", in: headers) == ["Hello  Bcc: attacker@example.org"])
    }
}
