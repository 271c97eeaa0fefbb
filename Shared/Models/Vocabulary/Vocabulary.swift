/// A closed domain vocabulary: an enum whose raw values are stable snake_case strings stored in the
/// database and sent in JSON, and whose cases have names for people in every ``Language``.
///
/// Raw values are a contract: renaming one breaks stored rows and bus history, so add cases, never rename.
/// A consumer decoding a case it does not know fails, so deploy consumers before producers of a new case.
/// Transitions between states are not here: the service owning the entity owns its rules.
public protocol Vocabulary: RawRepresentable, CaseIterable, Codable, Hashable, Sendable
where RawValue == String, AllCases: Sendable {
    /// The term's names in every language.
    var localizedNames: LocalizedNames { get }
}

extension Vocabulary {
    /// The term's name for people in `language` (Russian unless told otherwise).
    public func localizedName(_ language: Language = .ru) -> String {
        localizedNames[language]
    }
}
