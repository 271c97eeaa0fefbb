extension ReferralSourceKind {
    /// Names for forms, reports and integrator-facing messages; agencies are named as in ``OrganisationKind``.
    public var localizedNames: LocalizedNames {
        switch self {
        case .court:
            OrganisationKind.court.localizedNames
        case .police:
            OrganisationKind.police.localizedNames
        case .minorsCommission:
            OrganisationKind.minorsCommission.localizedNames
        case .guardianship:
            OrganisationKind.guardianship.localizedNames
        case .school:
            LocalizedNames(ru: "Школа", kk: "Мектеп", en: "School")
        case .parent:
            LocalizedNames(
                ru: "Родитель (законный представитель)",
                kk: "Ата-ана (заңды өкіл)",
                en: "Parent (legal representative)"
            )
        case .selfReferral:
            LocalizedNames(ru: "Самостоятельное обращение", kk: "Өз бетінше жүгіну", en: "Self-referral")
        case .municipalService:
            LocalizedNames(ru: "Муниципальная служба", kk: "Муниципалдық қызмет", en: "Municipal service")
        case .other:
            LocalizedNames(ru: "Другое", kk: "Басқа", en: "Other")
        }
    }
}
