/// Этап социального сопровождения, in the order of the «алгоритм действий при выявлении» (seed 003):
/// выявление → сбор информации → открытие консилиумом → определение потребностей → определение куратора
/// → индивидуальный план → реализация и мониторинг → оценка → завершение.
/// Which moves are allowed is the scheduling service's rule, not this vocabulary's.
public enum AccompanimentCaseState: String, Vocabulary {
    /// Выявление случая классным руководителем: date and reason recorded.
    case identified
    /// Сбор информации: соцпаспорт, акт ЖБУ, характеристика, табели успеваемости и посещаемости.
    case informationGathered = "information_gathered"
    /// Открытие сопровождения решением консилиума.
    case opened
    /// Определены потребности ребёнка.
    case needsAssessed = "needs_assessed"
    /// Избран куратор из членов команды сопровождения.
    case curatorChosen = "curator_chosen"
    /// Разработан индивидуальный план поддержки (ИПП).
    case supportPlan = "support_plan"
    /// Реализация плана и мониторинг вмешательств.
    case implementation
    /// Оценка случая: attendance, performance and behaviour reviewed by the team.
    case evaluated
    /// Сопровождение завершено (with a ``CaseOutcome``).
    case closed
}

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
