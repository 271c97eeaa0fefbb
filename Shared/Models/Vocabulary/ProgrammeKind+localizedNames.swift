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
