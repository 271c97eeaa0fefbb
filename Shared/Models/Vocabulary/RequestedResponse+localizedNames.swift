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
