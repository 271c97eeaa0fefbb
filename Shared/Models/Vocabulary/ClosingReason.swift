/// Причина: why a case closed without reconciliation, was refused or transferred — the «with
/// reasons» of the quarterly report's «completed vs not completed».
public enum ClosingReason: String, Vocabulary {
    /// A party declined to take part, or withdrew.
    case partyDeclined = "party_declined"
    /// The parties met but reached no agreement.
    case noAgreement = "no_agreement"
    /// A party could not be reached.
    case partyUnreachable = "party_unreachable"
    /// The agreement was reached but not kept.
    case agreementBroken = "agreement_broken"
    /// The child is in danger: handed over to guardianship (органы опеки).
    case handedToGuardianship = "handed_to_guardianship"
    /// Anything else.
    case other
}
