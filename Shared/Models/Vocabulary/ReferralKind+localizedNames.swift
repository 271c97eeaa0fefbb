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
