/// Роль участника дела. Restorative terms, deliberately not criminal ones (not «потерпевший/обвиняемый»).
public enum PartyRole: String, Vocabulary {
    /// Несовершеннолетний, о котором ведётся дело.
    case minor
    /// Законный представитель: gives or withdraws consent for a minor.
    case legalRepresentative = "legal_representative"
    /// Потерпевшая сторона.
    case harmedParty = "harmed_party"
    /// Сторона, причинившая вред (правонарушитель).
    case responsibleParty = "responsible_party"
    /// Другой взрослый, группа поддержки (родственник, педагог, друг).
    case supporter
}

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
