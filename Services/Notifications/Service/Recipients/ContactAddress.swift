import Foundation

/// An email address as a recipient's contact: one `@`, a dotted domain, no spaces or control
/// characters, and nothing that could break out of an SMTP command or a header line.
public enum EmailAddress {
    /// Whether `text` is an address mail can be sent to.
    public static func isValid(_ text: String) -> Bool {
        guard (3...254).contains(text.utf8.count) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return false }
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(.illegalCharacters)
        return text.unicodeScalars.allSatisfy {
            $0.value > 0x20 && !forbidden.contains($0) && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
        }
    }
}

/// A phone number for SMS, normalised to E.164 (`+79123456789`): Russian numbers written as
/// `8 912 …` become `+7 912 …`; spaces, dashes and brackets go.
public enum PhoneNumber {
    /// The E.164 form of `text`, or `nil` when it is not a phone number.
    public static func normalised(_ text: String) -> String? {
        let kept = text.filter { !" -()".contains($0) }
        guard let first = kept.first else { return nil }
        var digits = first == "+" ? String(kept.dropFirst()) : kept
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if first != "+" {
            // Without a country code only the Russian and Kazakh national forms (8… or 7…, 11 digits).
            guard digits.count == 11, digits.first == "8" || digits.first == "7" else { return nil }
            digits = "7" + digits.dropFirst()
        }
        guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }
}
