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
