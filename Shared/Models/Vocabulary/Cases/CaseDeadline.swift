/// A deadline a case is held to (seed 001 III.2: every referral is worked on, in time).
public enum CaseDeadline: String, Vocabulary {
    /// The organisation's norm: first contact with a party within N days of the referral.
    case firstContact = "first_contact"
    /// The day by which the referring agency expects an answer (срок ответа).
    case senderDeadline = "sender_deadline"
}

extension CaseDeadline {
    /// Names for warnings and reports.
    public var localizedNames: LocalizedNames {
        switch self {
        case .firstContact: LocalizedNames(ru: "Срок первого контакта", kk: "Алғашқы байланыс мерзімі", en: "First contact due")
        case .senderDeadline: LocalizedNames(ru: "Срок ответа направившему органу", kk: "Жолдаған органға жауап беру мерзімі", en: "Answer due to the sender")
        }
    }
}
