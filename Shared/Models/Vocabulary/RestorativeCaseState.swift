/// Этап восстановительного дела, in the order a case normally passes through them.
/// Which moves are allowed is the scheduling service's rule, not this vocabulary's.
public enum RestorativeCaseState: String, Vocabulary {
    /// Новое: opened from a referral, nobody assigned yet.
    case new
    /// Назначен ведущий программы.
    case assigned
    /// Ожидается согласие законных представителей: no programme with a minor without it.
    case consentPending = "consent_pending"
    /// Подготовка: preliminary meetings with each party separately.
    case preparation
    /// Примирительная встреча сторон.
    case mainMeeting = "main_meeting"
    /// Заключён примирительный договор.
    case agreement
    /// Контроль выполнения договора, повторная встреча.
    case followUp = "follow_up"
    /// Дело закрыто (with a ``CaseOutcome``).
    case closed
}
