/// The scans validation runs over every text of a request, written on Unicode scalars with an
/// ASCII fast path: profiling showed Foundation's trimming, `Character` iteration and per-call
/// regular expressions taking a third of intake's CPU per referral. (The scan for forbidden
/// characters, which scheduling shares, is `containsForbiddenScalar(multiline:)` in ServiceRuntime.)
extension String {
    /// The string without leading and trailing white space; itself, uncopied, when there is none.
    var trimmedOfWhiteSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhiteSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhiteSpace })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Length as JSON Schema counts it: in code points.
    var codePointCount: Int {
        utf8.count == unicodeScalars.count ? utf8.count : unicodeScalars.count
    }

    /// Whether the text is a part of a person's name: letters (with their combining marks),
    /// spaces, hyphens, apostrophes and dots.
    var isPersonNamePart: Bool {
        unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0x20, 0x2D, 0x27, 0x2E, 0x2019: true
            case ..<0x80: false
            // Cyrillic letters, Russian and Kazakh (not the signs and marks at 0x482–0x489).
            case 0x400...0x481, 0x48A...0x52F: true
            default: scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
            }
        }
    }

    /// Whether the text is a school class: a grade from 1 to 11, an optional space or hyphen,
    /// and one letter (`7Б`, `11 А`, `5-a`).
    var isSchoolClass: Bool {
        // Read in place: this runs for every minor of every referral.
        var scalars = unicodeScalars.makeIterator()
        var grade = 0
        var next = scalars.next()
        while let scalar = next, (0x30...0x39).contains(scalar.value) {
            // A leading zero or a third digit is not a grade.
            guard grade != 0 || scalar != "0", grade < 10 else { return false }
            grade = grade * 10 + Int(scalar.value - 0x30)
            next = scalars.next()
        }
        guard (1...11).contains(grade) else { return false }
        if let separator = next, separator == " " || separator == "-" { next = scalars.next() }
        guard let letter = next, scalars.next() == nil else { return false }
        return letter.properties.isAlphabetic
    }
}

extension Unicode.Scalar {
    /// Unicode White_Space, with the ASCII cases answered without a property lookup.
    var isWhiteSpace: Bool {
        value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }
}
