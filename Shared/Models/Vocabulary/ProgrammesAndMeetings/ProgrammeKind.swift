/// Вид восстановительной программы (ВП). The quarterly report counts programmes by it.
public enum ProgrammeKind: String, Vocabulary {
    /// Медиация (восстановительная медиация).
    case mediation
    /// Челночная медиация: the mediator carries messages between parties who do not meet.
    case shuttleMediation = "shuttle_mediation"
    /// Круг сообщества.
    case communityCircle = "community_circle"
    /// Школьная восстановительная конференция.
    case schoolConference = "school_conference"
    /// Семейная конференция.
    case familyConference = "family_conference"
    /// Круг заботы.
    case careCircle = "care_circle"
    /// Письмо потерпевшей стороны.
    case victimLetter = "victim_letter"
    /// Программа примирения.
    case reconciliation
    /// Программа по заглаживанию вреда.
    case harmRepair = "harm_repair"
}

extension ProgrammeKind {
    /// Names for forms and report rows.
    public var localizedNames: LocalizedNames {
        switch self {
        case .mediation:
            LocalizedNames(ru: "Медиация", kk: "Медиация", en: "Mediation")
        case .shuttleMediation:
            LocalizedNames(ru: "Челночная медиация", kk: "Челноктық медиация", en: "Shuttle mediation")
        case .communityCircle:
            LocalizedNames(ru: "Круг сообщества", kk: "Қауымдастық шеңбері", en: "Community circle")
        case .schoolConference:
            LocalizedNames(
                ru: "Школьная восстановительная конференция",
                kk: "Мектептік қалпына келтіру конференциясы",
                en: "School conference"
            )
        case .familyConference:
            LocalizedNames(ru: "Семейная конференция", kk: "Отбасылық конференция", en: "Family conference")
        case .careCircle:
            LocalizedNames(ru: "Круг заботы", kk: "Қамқорлық шеңбері", en: "Care circle")
        case .victimLetter:
            LocalizedNames(
                ru: "Письмо потерпевшей стороны",
                kk: "Жәбірленуші тараптың хаты",
                en: "Harmed party's letter"
            )
        case .reconciliation:
            LocalizedNames(ru: "Программа примирения", kk: "Татуластыру бағдарламасы", en: "Reconciliation programme")
        case .harmRepair:
            LocalizedNames(
                ru: "Программа по заглаживанию вреда",
                kk: "Зиянды өтеу бағдарламасы",
                en: "Harm-repair programme"
            )
        }
    }
}
