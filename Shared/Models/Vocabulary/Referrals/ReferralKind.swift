/// What kind of request a referral is: an agency's заявка, or a school's identification of a child
/// who needs social accompaniment (выявление, seed 003 steps 1–2).
public enum ReferralKind: String, Vocabulary {
    /// Заявка от ведомства, школы или семьи.
    case agencyReferral = "agency_referral"
    /// Выявление классным руководителем ребёнка, нуждающегося в социальном сопровождении.
    case schoolIdentification = "school_identification"
}

extension ReferralKind {
    /// Names for lists and reports.
    public var localizedNames: LocalizedNames {
        switch self {
        case .agencyReferral:
            LocalizedNames(ru: "Заявка", kk: "Өтінім", en: "Referral")
        case .schoolIdentification:
            LocalizedNames(ru: "Выявление в школе", kk: "Мектепте анықтау", en: "School identification")
        }
    }
}
