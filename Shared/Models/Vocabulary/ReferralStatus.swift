/// Что стало с заявкой: the status integrators follow a referral by, in the order a referral
/// normally reaches them.
public enum ReferralStatus: String, Vocabulary {
    /// Заявка получена и сохранена.
    case received
    /// Принята в работу службой.
    case accepted
    /// Открыто дело.
    case caseOpened = "case_opened"
    /// Назначена восстановительная программа.
    case programmeScheduled = "programme_scheduled"
    /// Работа по заявке завершена.
    case closed
}
