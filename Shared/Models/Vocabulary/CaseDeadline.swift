/// A deadline a case is held to (seed 001 III.2: every referral is worked on, in time).
public enum CaseDeadline: String, Vocabulary {
    /// The organisation's norm: first contact with a party within N days of the referral.
    case firstContact = "first_contact"
    /// The day by which the referring agency expects an answer (срок ответа).
    case senderDeadline = "sender_deadline"
}
