/// A language Accord shows names and messages in. Raw values are ISO 639-1 codes.
public enum Language: String, Codable, Sendable, CaseIterable {
    /// Русский: the default, the language of the source documents and of most users.
    case ru
    /// Қазақ тілі: for services in Kazakhstan.
    case kk
    /// English: for integrators and operators.
    case en
}
