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
