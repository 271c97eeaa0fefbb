extension CaseKind {
    /// Names for case lists and filters.
    public var localizedNames: LocalizedNames {
        switch self {
        case .restorative:
            LocalizedNames(
                ru: "Восстановительная программа",
                kk: "Қалпына келтіру бағдарламасы",
                en: "Restorative case"
            )
        case .accompaniment:
            LocalizedNames(ru: "Социальное сопровождение", kk: "Әлеуметтік сүйемелдеу", en: "Social accompaniment")
        }
    }
}
