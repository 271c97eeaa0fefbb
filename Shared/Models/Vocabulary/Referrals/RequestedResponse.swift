/// Что просит направивший: what the sender of a referral asks the service to do.
/// One referral may ask for several.
public enum RequestedResponse: String, Vocabulary {
    /// Проведение восстановительной программы.
    case restorativeProgramme = "restorative_programme"
    /// Заключение о работе с семьёй, подростком по запросу суда, КДНиЗП, органов опеки.
    case caseConclusion = "case_conclusion"
    /// Социальное сопровождение.
    case accompaniment
}

extension RequestedResponse {
    /// Names for forms and integrator-facing messages.
    public var localizedNames: LocalizedNames {
        switch self {
        case .restorativeProgramme:
            LocalizedNames(
                ru: "Проведение восстановительной программы",
                kk: "Қалпына келтіру бағдарламасын өткізу",
                en: "Restorative programme"
            )
        case .caseConclusion:
            LocalizedNames(
                ru: "Заключение по запросу суда, КДНиЗП, органов опеки",
                kk: "Сот, комиссия немесе қорғаншылық органы сұрауы бойынша қорытынды",
                en: "Conclusion requested by a court, commission or guardianship authority"
            )
        case .accompaniment:
            LocalizedNames(ru: "Социальное сопровождение", kk: "Әлеуметтік сүйемелдеу", en: "Social accompaniment")
        }
    }
}
