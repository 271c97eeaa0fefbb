import Foundation

extension String {
    /// The text of a required request field without the white space around it.
    ///
    /// - Throws: ``SchedulingRefusal`` `length` at `pointer` unless it has 1 to `limit`
    ///   characters, counted as PostgreSQL's `length()` counts them (code points), so that the
    ///   table's check never fails after the request passed.
    func requiredText(at pointer: String, max limit: Int) throws(SchedulingRefusal) -> String {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...limit).contains(text.unicodeScalars.count) else {
            throw .invalid(pointer, code: "length", "Must have 1 to \(limit) characters.", "Должно содержать от 1 до \(limit) символов.")
        }
        return text
    }
}

extension Optional<String> {
    /// The text of an optional request field without the white space around it; `nil` when it is
    /// absent or blank, so that an empty note is stored as no note.
    ///
    /// - Throws: ``SchedulingRefusal`` `too_long` at `pointer` over `limit` characters (code points).
    func optionalText(at pointer: String, max limit: Int) throws(SchedulingRefusal) -> String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.unicodeScalars.count <= limit else {
            throw .invalid(pointer, code: "too_long", "Must have at most \(limit) characters.", "Не более \(limit) символов.")
        }
        return text
    }
}
