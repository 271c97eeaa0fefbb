/// Роль участника дела. Restorative terms, deliberately not criminal ones (not «потерпевший/обвиняемый»).
public enum PartyRole: String, Vocabulary {
    /// Несовершеннолетний, о котором ведётся дело.
    case minor
    /// Законный представитель: gives or withdraws consent for a minor.
    case legalRepresentative = "legal_representative"
    /// Потерпевшая сторона.
    case harmedParty = "harmed_party"
    /// Сторона, причинившая вред (правонарушитель).
    case responsibleParty = "responsible_party"
    /// Другой взрослый, группа поддержки (родственник, педагог, друг).
    case supporter
}
