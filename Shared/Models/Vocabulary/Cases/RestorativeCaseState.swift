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

extension RestorativeCaseState {
    /// Names for case cards and status filters.
    public var localizedNames: LocalizedNames {
        switch self {
        case .new:
            LocalizedNames(ru: "Новое", kk: "Жаңа", en: "New")
        case .assigned:
            LocalizedNames(ru: "Назначен ведущий", kk: "Жүргізуші тағайындалды", en: "Mediator assigned")
        case .consentPending:
            LocalizedNames(ru: "Ожидается согласие", kk: "Келісім күтілуде", en: "Awaiting consent")
        case .preparation:
            LocalizedNames(ru: "Подготовка", kk: "Дайындық", en: "Preparation")
        case .mainMeeting:
            LocalizedNames(ru: "Примирительная встреча", kk: "Татуласу кездесуі", en: "Reconciliation meeting")
        case .agreement:
            LocalizedNames(ru: "Заключён договор", kk: "Татуласу келісімі жасалды", en: "Agreement reached")
        case .followUp:
            LocalizedNames(ru: "Контроль выполнения договора", kk: "Келісімнің орындалуын бақылау", en: "Follow-up")
        case .closed:
            LocalizedNames(ru: "Закрыто", kk: "Жабылды", en: "Closed")
        }
    }
}
