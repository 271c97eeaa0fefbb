/// Вид встречи в восстановительной программе.
public enum MeetingKind: String, Vocabulary {
    /// Предварительная встреча: each party is met separately before they meet together.
    case preliminary
    /// Примирительная (основная) встреча сторон.
    case main
    /// Повторная встреча: checks how the agreement is being fulfilled.
    case followUp = "follow_up"
}
