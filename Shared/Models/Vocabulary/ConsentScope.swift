/// На что дано согласие. Consent is given and withdrawn per scope: a parent may agree to a programme
/// yet refuse that its results go back to the referring agency.
public enum ConsentScope: String, Vocabulary {
    /// Участие несовершеннолетнего в восстановительной программе.
    case programmeParticipation = "programme_participation"
    /// Социальное сопровождение ребёнка.
    case accompaniment
    /// Психологическая помощь (консультирование психологом).
    case psychologicalAssistance = "psychological_assistance"
    /// Обработка персональных данных несовершеннолетнего и семьи.
    case personalDataProcessing = "personal_data_processing"
    /// Передача сведений о результатах направившему органу (суду, КДНиЗП, органам опеки).
    case informationSharing = "information_sharing"
}
