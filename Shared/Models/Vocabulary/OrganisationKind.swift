/// Вид организации: the services that run cases and the agencies that refer and receive reports.
public enum OrganisationKind: String, Vocabulary {
    /// Школьная служба примирения (ШСП), школьная служба медиации.
    case schoolService = "school_service"
    /// Муниципальная служба примирения (МСП).
    case municipalService = "municipal_service"
    /// Социально-педагогический центр (СПЦ).
    case socialPedagogicalCentre = "social_pedagogical_centre"
    /// Управление (отдел) образования (УО).
    case educationAuthority = "education_authority"
    /// Комиссия по делам несовершеннолетних и защите их прав (КДНиЗП).
    case minorsCommission = "minors_commission"
    /// Суд.
    case court
    /// Полиция, подразделение по делам несовершеннолетних (ОДН, ПДН, ОВД).
    case police
    /// Орган опеки и попечительства.
    case guardianship
}
