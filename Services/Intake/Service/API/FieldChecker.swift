import ServiceRuntime
import Foundation
import IntakeAPI
import Models

/// Collects every problem of one request, field by field, so the integrator gets them all in one
/// answer instead of fixing one per round trip. Also returns the checked values normalised
/// (trimmed text, phones as `+7XXXXXXXXXX`) for the columns and the bus announcement; the stored
/// submission itself is the request body as sent.
struct FieldChecker {
    /// The problems found so far.
    private(set) var issues: [FieldIssue] = []
    /// "Today" in the caller's organisation: dates after it are in the future.
    let today: LocalDate
    /// Pointers of values that could not be decoded and hold stand-ins (see
    /// `CollectingJSONDecoder`): an issue at or under one says nothing about what was sent.
    let undecided: Set<String>

    init(today: LocalDate, undecided: Set<String> = []) {
        self.today = today
        self.undecided = undecided
    }

    /// Records `issue`, unless it is about a stand-in.
    mutating func add(_ issue: FieldIssue) {
        if isDecided(issue.pointer) { issues.append(issue) }
    }

    /// Whether the value at `pointer` is what was sent: neither it nor an object or array it
    /// lies in was stood in for. A rule that reads one value to judge another asks this first.
    func isDecided(_ pointer: String) -> Bool {
        undecided.isEmpty || !undecided.contains { pointer == $0 || pointer.hasPrefix($0 + "/") }
    }

    /// Trimmed required text of `1...maximum` characters without control characters (line
    /// breaks and tabs are allowed where `multiline`).
    mutating func text(_ value: String, at pointer: String, maximum: Int, multiline: Bool = false) -> String {
        let trimmed = value.trimmedOfWhiteSpace
        if trimmed.isEmpty {
            add(.tooShort(pointer, minimum: 1))
        } else if trimmed.codePointCount > maximum {
            add(.tooLong(pointer, maximum: maximum))
        } else if trimmed.containsForbiddenScalar(multiline: multiline) {
            add(.invalidCharacters(pointer))
        }
        return trimmed
    }

    /// Optional text: `nil` and blank both mean absent.
    mutating func optionalText(_ value: String?, at pointer: String, maximum: Int, multiline: Bool = false) -> String? {
        guard let value, !value.unicodeScalars.allSatisfy(\.isWhiteSpace) else { return nil }
        return text(value, at: pointer, maximum: maximum, multiline: multiline)
    }

    /// A person's name: each part letters, spaces, hyphens, apostrophes and dots.
    mutating func name(_ value: Components.Schemas.PersonName, at pointer: String) -> Components.Schemas.PersonName {
        var name = value
        name.lastName = personNamePart(value.lastName, at: pointer + "/last_name")
        name.firstName = personNamePart(value.firstName, at: pointer + "/first_name")
        name.middleName = value.middleName.flatMap {
            $0.unicodeScalars.allSatisfy(\.isWhiteSpace) ? nil : personNamePart($0, at: pointer + "/middle_name")
        }
        return name
    }

    private mutating func personNamePart(_ value: String, at pointer: String) -> String {
        let trimmed = text(value, at: pointer, maximum: 100)
        if !trimmed.isEmpty, !trimmed.isPersonNamePart {
            add(.invalidPattern(pointer, "letters, spaces, hyphens and apostrophes only", "только буквы, пробелы, дефисы и апострофы"))
        }
        return trimmed
    }

    /// A `YYYY-MM-DD` date from 1900 on; `nil` (and an issue) otherwise.
    mutating func date(_ value: String, at pointer: String, notAfterToday: Bool) -> LocalDate? {
        guard let date = LocalDate(value) else {
            add(.invalidDate(pointer))
            return nil
        }
        if date.year < 1900 {
            add(.dateTooOld(pointer))
            return nil
        }
        if notAfterToday, date > today {
            add(.dateInFuture(pointer))
        }
        return date
    }

    /// Born on `birthDate`, a minor of school age (5 to 17 full years) on `day`.
    mutating func minorAge(bornOn birthDate: LocalDate?, on day: LocalDate?, at pointer: String) {
        guard let birthDate, let day else { return }
        guard let age = MinorAge(bornOn: birthDate, on: day) else {
            add(.tooYoung(pointer))
            return
        }
        if age.fullYears >= 18 {
            add(.notAMinor(pointer))
        } else if age.fullYears < 5 {
            add(.tooYoung(pointer))
        }
    }

    /// A Russian or Kazakh number (``ContactDetails/normalisedPhone(_:)``), returned as `+7` and ten digits.
    mutating func phone(_ value: String?, at pointer: String) -> String? {
        guard let value, !value.unicodeScalars.allSatisfy(\.isWhiteSpace) else { return nil }
        guard let normalised = ContactDetails.normalisedPhone(value) else {
            add(.invalidPhone(pointer))
            return value
        }
        return normalised
    }

    /// An email address (``ContactDetails/isEmailAddress(_:)``), trimmed.
    mutating func email(_ value: String?, at pointer: String) -> String? {
        guard let value, !value.unicodeScalars.allSatisfy(\.isWhiteSpace) else { return nil }
        let trimmed = value.trimmedOfWhiteSpace
        if !ContactDetails.isEmailAddress(trimmed) { add(.invalidEmail(pointer)) }
        return trimmed
    }

    /// A class such as `7Б` or `11 А`, returned as written but trimmed.
    mutating func className(_ value: String?, at pointer: String) -> String? {
        guard let value, !value.unicodeScalars.allSatisfy(\.isWhiteSpace) else { return nil }
        let trimmed = value.trimmedOfWhiteSpace
        if !trimmed.isSchoolClass { add(.invalidClass(pointer)) }
        return trimmed
    }

    /// An array's length within bounds.
    mutating func count(_ count: Int, at pointer: String, _ range: ClosedRange<Int>) {
        if count < range.lowerBound { add(.tooFewItems(pointer, minimum: range.lowerBound)) }
        if count > range.upperBound { add(.tooManyItems(pointer, maximum: range.upperBound)) }
    }

    /// A number within bounds.
    mutating func range<Number: BinaryInteger>(_ value: Number?, at pointer: String, _ range: ClosedRange<Number>) {
        if let value, !range.contains(value) { add(.outOfRange(pointer, Double(range.lowerBound)...Double(range.upperBound))) }
    }

    /// A number within bounds.
    mutating func range(_ value: Double?, at pointer: String, _ range: ClosedRange<Double>) {
        if let value, !(value.isFinite && range.contains(value)) { add(.outOfRange(pointer, range)) }
    }
}
