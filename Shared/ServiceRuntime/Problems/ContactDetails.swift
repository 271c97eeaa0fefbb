/// The rules a person's phone and email are held to wherever Accord takes them from a request:
/// intake's referrals (legal representatives, harmed and responsible adults, a school's reporter)
/// and scheduling's parties, so that the same number or address is accepted or refused alike (422
/// `invalid_phone`, `invalid_email`). Written on UTF-8 bytes: intake runs them for every person of
/// every referral.
public enum ContactDetails {
    /// The longest phone text examined: an everyday spelling with spaces, brackets and hyphens.
    public static let maximumPhoneLength = 30

    /// A Russian or Kazakh number (country code 7) as `+7` and ten digits: `+7 (912) 345-67-89`,
    /// `8 912 345 67 89`, `79123456789` → `+79123456789`; anything else → `nil`.
    public static func normalisedPhone(_ text: String) -> String? {
        guard text.unicodeScalars.count <= maximumPhoneLength else { return nil }
        // Digits and `+` collected from UTF-8 in one pass: no intermediate strings.
        var digits: [UInt8] = []
        digits.reserveCapacity(12)
        var plus = false
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte)
            case UInt8(ascii: "+") where digits.isEmpty && !plus:
                plus = true
            case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            case 0xC2 where bytes.next() == 0xA0:
                continue  // U+00A0 NO-BREAK SPACE
            default:
                return nil
            }
        }
        guard digits.count == 11 else { return nil }
        switch digits[0] {
        case UInt8(ascii: "7"): break
        case UInt8(ascii: "8") where !plus: break
        default: return nil
        }
        return "+7" + String(decoding: digits.dropFirst(), as: UTF8.self)
    }

    /// Whether `text`, already trimmed, is an email address: one `@`, a local part of 1–64
    /// bytes, a dotted domain, at most 254 characters, no spaces, controls, commas or semicolons
    /// (a list of addresses is not one).
    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        return text.unicodeScalars.count <= 254 && parts.count == 2 && (1...64).contains(parts[0].count)
            && parts[1].contains(UInt8(ascii: ".")) && parts[1].first != UInt8(ascii: ".") && parts[1].last != UInt8(ascii: ".")
            && !text.contains("..")
            && !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") })
            && !text.containsForbiddenScalar(multiline: false)
    }
}
