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

extension OrganisationKind {
    /// Names for organisation directories and report headers.
    public var localizedNames: LocalizedNames {
        switch self {
        case .schoolService:
            LocalizedNames(
                ru: "Школьная служба примирения (ШСП)",
                kk: "Мектеп медиациясы қызметі",
                en: "School reconciliation service"
            )
        case .municipalService:
            LocalizedNames(
                ru: "Муниципальная служба примирения (МСП)",
                kk: "Муниципалдық татуластыру қызметі",
                en: "Municipal reconciliation service"
            )
        case .socialPedagogicalCentre:
            LocalizedNames(
                ru: "Социально-педагогический центр (СПЦ)",
                kk: "Әлеуметтік-педагогикалық орталық",
                en: "Social-pedagogical centre"
            )
        case .educationAuthority:
            LocalizedNames(ru: "Управление образования (УО)", kk: "Білім басқармасы", en: "Education authority")
        case .minorsCommission:
            LocalizedNames(
                ru: "Комиссия по делам несовершеннолетних и защите их прав (КДНиЗП)",
                kk: "Кәмелетке толмағандардың істері және олардың құқықтарын қорғау жөніндегі комиссия",
                en: "Commission on minors' affairs and the protection of their rights"
            )
        case .court:
            LocalizedNames(ru: "Суд", kk: "Сот", en: "Court")
        case .police:
            LocalizedNames(
                ru: "Полиция (ОДН, ПДН, ОВД)",
                kk: "Полиция (кәмелетке толмағандар істері жөніндегі бөлімше)",
                en: "Police juvenile unit"
            )
        case .guardianship:
            LocalizedNames(
                ru: "Орган опеки и попечительства",
                kk: "Қорғаншылық және қамқоршылық органы",
                en: "Guardianship authority"
            )
        }
    }
}
