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

extension ReferralStatus {
    /// Names for integrator-facing status pages and messages.
    public var localizedNames: LocalizedNames {
        switch self {
        case .received:
            LocalizedNames(ru: "Получена", kk: "Алынды", en: "Received")
        case .accepted:
            LocalizedNames(ru: "Принята в работу", kk: "Жұмысқа қабылданды", en: "Accepted")
        case .caseOpened:
            LocalizedNames(ru: "Открыто дело", kk: "Іс ашылды", en: "Case opened")
        case .programmeScheduled:
            LocalizedNames(ru: "Назначена программа", kk: "Бағдарлама тағайындалды", en: "Programme scheduled")
        case .closed:
            LocalizedNames(ru: "Закрыта", kk: "Жабылды", en: "Closed")
        }
    }
}
