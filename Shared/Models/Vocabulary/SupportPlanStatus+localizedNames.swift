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
