/// Вид встречи в восстановительной программе.
public enum MeetingKind: String, Vocabulary {
    /// Предварительная встреча: each party is met separately before they meet together.
    case preliminary
    /// Примирительная (основная) встреча сторон.
    case main
    /// Повторная встреча: checks how the agreement is being fulfilled.
    case followUp = "follow_up"
}

extension MeetingKind {
    /// Names for calendars and forms.
    public var localizedNames: LocalizedNames {
        switch self {
        case .preliminary:
            LocalizedNames(ru: "Предварительная встреча", kk: "Алдын ала кездесу", en: "Preliminary meeting")
        case .main:
            LocalizedNames(ru: "Примирительная встреча", kk: "Татуласу кездесуі", en: "Reconciliation meeting")
        case .followUp:
            LocalizedNames(ru: "Повторная встреча", kk: "Қайталама кездесу", en: "Follow-up meeting")
        }
    }
}
