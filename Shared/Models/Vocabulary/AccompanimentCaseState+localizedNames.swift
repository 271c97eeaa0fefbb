extension AccompanimentCaseState {
    /// Names for case cards and status filters.
    public var localizedNames: LocalizedNames {
        switch self {
        case .identified:
            LocalizedNames(ru: "Случай выявлен", kk: "Жағдай анықталды", en: "Identified")
        case .informationGathered:
            LocalizedNames(ru: "Информация собрана", kk: "Ақпарат жиналды", en: "Information gathered")
        case .opened:
            LocalizedNames(
                ru: "Открыто решением консилиума",
                kk: "Консилиум шешімімен ашылды",
                en: "Opened by the case conference"
            )
        case .needsAssessed:
            LocalizedNames(ru: "Потребности определены", kk: "Қажеттіліктер анықталды", en: "Needs assessed")
        case .curatorChosen:
            LocalizedNames(ru: "Куратор избран", kk: "Куратор сайланды", en: "Curator chosen")
        case .supportPlan:
            LocalizedNames(
                ru: "Разработан индивидуальный план поддержки",
                kk: "Жеке қолдау жоспары әзірленді",
                en: "Support plan drawn up"
            )
        case .implementation:
            LocalizedNames(
                ru: "Реализация плана и мониторинг",
                kk: "Жоспарды іске асыру және мониторинг",
                en: "Implementation and monitoring"
            )
        case .evaluated:
            LocalizedNames(ru: "Случай оценён", kk: "Жағдай бағаланды", en: "Evaluated")
        case .closed:
            LocalizedNames(ru: "Закрыто", kk: "Жабылды", en: "Closed")
        }
    }
}
