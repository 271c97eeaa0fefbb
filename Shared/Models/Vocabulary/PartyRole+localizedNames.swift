extension PartyRole {
    /// Names for case cards and forms.
    public var localizedNames: LocalizedNames {
        switch self {
        case .minor:
            LocalizedNames(ru: "Несовершеннолетний", kk: "Кәмелетке толмаған", en: "Minor")
        case .legalRepresentative:
            LocalizedNames(ru: "Законный представитель", kk: "Заңды өкіл", en: "Legal representative")
        case .harmedParty:
            LocalizedNames(ru: "Потерпевшая сторона", kk: "Жәбірленуші тарап", en: "Harmed party")
        case .responsibleParty:
            LocalizedNames(ru: "Сторона, причинившая вред", kk: "Зиян келтірген тарап", en: "Responsible party")
        case .supporter:
            LocalizedNames(
                ru: "Другой взрослый (поддержка)",
                kk: "Қолдау көрсететін басқа ересек",
                en: "Supporter (other adult)"
            )
        }
    }
}
