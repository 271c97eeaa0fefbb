/// Форма согласия законного представителя: how the consent was given, kept as evidence.
public enum ConsentForm: String, Vocabulary {
    /// Письменное согласие (подписанный бланк).
    case written
    /// Устное согласие, зафиксированное специалистом (who, when, how).
    case oralRecorded = "oral_recorded"
    /// Электронное согласие.
    case electronic
}

extension ConsentForm {
    /// Names for consent records.
    public var localizedNames: LocalizedNames {
        switch self {
        case .written:
            LocalizedNames(ru: "Письменное", kk: "Жазбаша", en: "Written")
        case .oralRecorded:
            LocalizedNames(
                ru: "Устное, зафиксированное специалистом",
                kk: "Ауызша, маман тіркеген",
                en: "Oral, recorded"
            )
        case .electronic:
            LocalizedNames(ru: "Электронное", kk: "Электрондық", en: "Electronic")
        }
    }
}
