/// Ход вмешательства of a support plan, as the team reports it at its monitoring meetings (seed 003,
/// steps 6–7). Which changes are allowed is the scheduling service's rule, not this vocabulary's.
public enum InterventionStatus: String, Vocabulary {
    /// Запланировано.
    case planned
    /// Выполняется.
    case inProgress = "in_progress"
    /// Выполнено.
    case done
    /// Отменено: no longer needed or not possible.
    case cancelled
}

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
