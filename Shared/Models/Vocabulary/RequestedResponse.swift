/// Что просит направивший: what the sender of a referral asks the service to do.
/// One referral may ask for several.
public enum RequestedResponse: String, Vocabulary {
    /// Проведение восстановительной программы.
    case restorativeProgramme = "restorative_programme"
    /// Заключение о работе с семьёй, подростком по запросу суда, КДНиЗП, органов опеки.
    case caseConclusion = "case_conclusion"
    /// Социальное сопровождение.
    case accompaniment
}
