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
