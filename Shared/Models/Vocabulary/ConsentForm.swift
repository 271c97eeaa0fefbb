/// Форма согласия законного представителя: how the consent was given, kept as evidence.
public enum ConsentForm: String, Vocabulary {
    /// Письменное согласие (подписанный бланк).
    case written
    /// Устное согласие, зафиксированное специалистом (who, when, how).
    case oralRecorded = "oral_recorded"
    /// Электронное согласие.
    case electronic
}
