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
