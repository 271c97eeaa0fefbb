/// The characters no text an Accord API accepts may hold, whichever service takes it: intake's
/// referrals and scheduling's staff requests refuse them alike (a 422 `invalid_characters`).
/// A NUL, besides, cannot be stored in PostgreSQL `text` at all. Written on Unicode scalars with
/// an ASCII fast path: it runs over every text of every referral.
extension String {
    /// Whether the text holds a control character (line breaks and tabs allowed when
    /// `multiline`), a line or paragraph separator, or an unassigned or private-use code point.
    public func containsForbiddenScalar(multiline: Bool) -> Bool {
        for scalar in unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x20 && value != 0x7F { continue }
                if multiline && (value == 0x0A || value == 0x0D || value == 0x09) { continue }
                return true
            }
            // Latin-1 letters and signs («», №-free), Latin Extended, Cyrillic (Russian, Kazakh)
            // and ordinary punctuation are all assigned, printable code points: no lookup.
            if (0xA0...0x24F).contains(value) || (0x400...0x52F).contains(value) || (0x2010...0x2027).contains(value)
                || (0x2030...0x205E).contains(value) || value == 0x2116 { continue }
            // Line and paragraph separators, and bidirectional overrides that can make text read
            // differently from what it holds.
            if value == 0x2028 || value == 0x2029 || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                return true
            }
            switch scalar.properties.generalCategory {
            case .control, .surrogate, .unassigned, .privateUse: return true
            default: continue
            }
        }
        return false
    }
}
