/// Вид восстановительной программы (ВП). The quarterly report counts programmes by it.
public enum ProgrammeKind: String, Vocabulary {
    /// Медиация (восстановительная медиация).
    case mediation
    /// Челночная медиация: the mediator carries messages between parties who do not meet.
    case shuttleMediation = "shuttle_mediation"
    /// Круг сообщества.
    case communityCircle = "community_circle"
    /// Школьная восстановительная конференция.
    case schoolConference = "school_conference"
    /// Семейная конференция.
    case familyConference = "family_conference"
    /// Круг заботы.
    case careCircle = "care_circle"
    /// Письмо потерпевшей стороны.
    case victimLetter = "victim_letter"
    /// Программа примирения.
    case reconciliation
    /// Программа по заглаживанию вреда.
    case harmRepair = "harm_repair"
}
