/// На что дано согласие. Consent is given and withdrawn per scope: a parent may agree to a programme
/// yet refuse that its results go back to the referring agency.
public enum ConsentScope: String, Vocabulary {
    /// Участие несовершеннолетнего в восстановительной программе.
    case programmeParticipation = "programme_participation"
    /// Социальное сопровождение ребёнка.
    case accompaniment
    /// Психологическая помощь (консультирование психологом).
    case psychologicalAssistance = "psychological_assistance"
    /// Обработка персональных данных несовершеннолетнего и семьи.
    case personalDataProcessing = "personal_data_processing"
    /// Передача сведений о результатах направившему органу (суду, КДНиЗП, органам опеки).
    case informationSharing = "information_sharing"
}

extension ConsentScope {
    /// Names for consent forms and records.
    public var localizedNames: LocalizedNames {
        switch self {
        case .programmeParticipation:
            LocalizedNames(
                ru: "Участие в восстановительной программе",
                kk: "Қалпына келтіру бағдарламасына қатысу",
                en: "Taking part in a restorative programme"
            )
        case .accompaniment:
            LocalizedNames(ru: "Социальное сопровождение", kk: "Әлеуметтік сүйемелдеу", en: "Social accompaniment")
        case .psychologicalAssistance:
            LocalizedNames(ru: "Психологическая помощь", kk: "Психологиялық көмек", en: "Psychological assistance")
        case .personalDataProcessing:
            LocalizedNames(
                ru: "Обработка персональных данных",
                kk: "Дербес деректерді өңдеу",
                en: "Processing of personal data"
            )
        case .informationSharing:
            LocalizedNames(
                ru: "Передача сведений направившему органу",
                kk: "Жолдаған органға мәліметтер беру",
                en: "Sharing results with the referring agency"
            )
        }
    }
}
