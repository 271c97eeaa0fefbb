extension InterventionStatus {
    /// Names for support plans.
    public var localizedNames: LocalizedNames {
        switch self {
        case .planned:
            LocalizedNames(ru: "Запланировано", kk: "Жоспарланған", en: "Planned")
        case .inProgress:
            LocalizedNames(ru: "Выполняется", kk: "Орындалуда", en: "In progress")
        case .done:
            LocalizedNames(ru: "Выполнено", kk: "Орындалды", en: "Done")
        case .cancelled:
            LocalizedNames(ru: "Отменено", kk: "Болдырылмады", en: "Cancelled")
        }
    }
}
