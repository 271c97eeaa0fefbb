import Foundation
import Models

/// An email as it goes over SMTP (RFC 5322 with MIME): UTF-8 headers as encoded words, the
/// plain-text body in base64 (safe through any relay), and a `Message-ID` made of the delivery's
/// id, so a resend after an uncertain attempt carries the same id and mail systems that dedupe
/// by it show one message.
struct EmailMessage: Sendable {
    var from: String
    var fromName: String
    var to: String
    var subject: String
    var body: String
    var deliveryID: UUID
    var date: Date

    /// The message's bytes, lines ending in CRLF.
    var bytes: Data {
        let headers = [
            "Date: \(date.formatted(Date.VerbatimFormatStyle(format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000", locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian))))",
            "From: \(Self.encodedWords(fromName)) <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWords(subject))",
            "Message-ID: <\(deliveryID.canonicalString)@accord-notifications>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalised.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Data((headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n").utf8)
    }

    /// `text` as RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters and never
    /// splitting a character, folded onto continuation lines; plain ASCII stays as it is.
    static func encodedWords(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) && !flat.contains("=?") { return flat }
        var words: [String] = [], chunk = Data()
        for character in flat {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }
}
