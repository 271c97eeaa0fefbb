/// A term's display name in every ``Language``.
///
/// A struct with one stored property per language, rather than a dictionary, so that a term
/// missing a translation fails to compile instead of showing an empty label.
public struct LocalizedNames: Hashable, Sendable {
    /// Russian name.
    public let ru: String
    /// Kazakh name.
    public let kk: String
    /// English name.
    public let en: String

    /// Names a term in all three languages.
    public init(ru: String, kk: String, en: String) {
        self.ru = ru
        self.kk = kk
        self.en = en
    }

    /// The name in `language`.
    public subscript(language: Language) -> String {
        switch language {
        case .ru: ru
        case .kk: kk
        case .en: en
        }
    }
}
