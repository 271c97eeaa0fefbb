import Foundation
import ServiceRuntime

extension String {
    /// The text of a required request field without the white space around it.
    ///
    /// - Parameter multiline: Whether line breaks and tabs may be in it (a note, a description),
    ///   or not (a name, a title).
    /// - Throws: ``SchedulingRefusal`` `length` at `pointer` unless it has 1 to `limit`
    ///   characters, counted as PostgreSQL's `length()` counts them (code points), so that the
    ///   table's check never fails after the request passed; `invalid_characters` when it holds
    ///   a control character (a NUL, which PostgreSQL cannot store, among them), a line separator
    ///   or an unassigned code point, as intake refuses them.
    func requiredText(at pointer: String, max limit: Int, multiline: Bool = false) throws(SchedulingRefusal) -> String {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...limit).contains(text.unicodeScalars.count) else {
            throw .invalid(pointer, code: "length", "Must have 1 to \(limit) characters.", "Должно содержать от 1 до \(limit) символов.")
        }
        try text.requireAllowedCharacters(at: pointer, multiline: multiline)
        return text
    }

    /// - Throws: ``SchedulingRefusal`` `invalid_characters` at `pointer` for a character no
    ///   request text may hold.
    func requireAllowedCharacters(at pointer: String, multiline: Bool) throws(SchedulingRefusal) {
        guard !containsForbiddenScalar(multiline: multiline) else {
            throw .invalid(.invalidCharacters(pointer))
        }
    }
}

extension Optional<String> {
    /// The text of an optional request field without the white space around it; `nil` when it is
    /// absent or blank, so that an empty note is stored as no note.
    ///
    /// - Throws: ``SchedulingRefusal`` `too_long` at `pointer` over `limit` characters (code
    ///   points); `invalid_characters` as ``Swift/String/requiredText(at:max:multiline:)``.
    func optionalText(at pointer: String, max limit: Int, multiline: Bool = false) throws(SchedulingRefusal) -> String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.unicodeScalars.count <= limit else {
            throw .invalid(pointer, code: "too_long", "Must have at most \(limit) characters.", "Не более \(limit) символов.")
        }
        try text.requireAllowedCharacters(at: pointer, multiline: multiline)
        return text
    }
}
