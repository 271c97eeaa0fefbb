/// Состояние индивидуального плана поддержки (ИПП). A case has at most one active plan; at the
/// evaluation (seed 003, step 8) the team completes it and either closes the case or sets a new one.
public enum SupportPlanStatus: String, Vocabulary {
    /// Действует: interventions and progress notes are added to it.
    case active
    /// Завершён: kept as it was for the case's history.
    case completed
}

extension SupportPlanStatus {
    /// Names for support plan lists.
    public var localizedNames: LocalizedNames {
        switch self {
        case .active:
            LocalizedNames(ru: "Действует", kk: "Қолданыста", en: "Active")
        case .completed:
            LocalizedNames(ru: "Завершён", kk: "Аяқталды", en: "Completed")
        }
    }
}
