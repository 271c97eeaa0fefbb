/// Вид дела: which of the two procedures a case follows.
public enum CaseKind: String, Vocabulary {
    /// Восстановительное дело: a conflict or offence worked through with a restorative programme.
    case restorative
    /// Социальное сопровождение ребёнка в трудной ситуации (риск выбытия из школы, СОП).
    case accompaniment
}

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
