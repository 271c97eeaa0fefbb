/// С чем направлен ребёнок: the nature of the situation a referral is about.
/// The quarterly report counts referrals by it.
public enum ReferralNature: String, Vocabulary {
    /// Конфликт (между обучающимися, педагогами, родителями).
    case conflict
    /// Правонарушение или общественно опасное деяние несовершеннолетнего.
    case offence
    /// Риск выбытия из системы образования (непосещение школы).
    case dropoutRisk = "dropout_risk"
    /// Социально опасное положение (СОП).
    case atRiskStatus = "at_risk_status"
}

extension ReferralNature {
    /// Names for forms and report rows.
    public var localizedNames: LocalizedNames {
        switch self {
        case .conflict:
            LocalizedNames(ru: "Конфликт", kk: "Жанжал", en: "Conflict")
        case .offence:
            LocalizedNames(
                ru: "Правонарушение или общественно опасное деяние",
                kk: "Құқық бұзушылық немесе қоғамға қауіпті әрекет",
                en: "Offence or socially dangerous act"
            )
        case .dropoutRisk:
            LocalizedNames(
                ru: "Риск выбытия из системы образования",
                kk: "Білім беру жүйесінен шығып қалу қаупі",
                en: "Risk of dropping out of education"
            )
        case .atRiskStatus:
            LocalizedNames(
                ru: "Социально опасное положение (СОП)",
                kk: "Әлеуметтік қауіпті жағдай",
                en: "Socially dangerous situation (at-risk status)"
            )
        }
    }
}
