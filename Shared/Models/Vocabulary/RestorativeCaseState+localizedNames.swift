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
