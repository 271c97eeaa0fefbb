/// Кто направил заявку: the kind of sender of a referral (источник заявки).
public enum ReferralSourceKind: String, Vocabulary {
    /// Суд.
    case court
    /// Полиция: подразделение по делам несовершеннолетних (ОДН, ПДН, ОВД).
    case police
    /// Комиссия по делам несовершеннолетних и защите их прав (КДНиЗП).
    case minorsCommission = "minors_commission"
    /// Орган опеки и попечительства.
    case guardianship
    /// Школа (образовательное учреждение).
    case school
    /// Родитель (законный представитель).
    case parent
    /// Самостоятельное обращение несовершеннолетнего.
    case selfReferral = "self_referral"
    /// Муниципальная служба или учреждение (социальной защиты, здравоохранения и др.).
    case municipalService = "municipal_service"
    /// Другой источник.
    case other
}

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
