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

extension ClosingReason {
    /// Names for forms and reports.
    public var localizedNames: LocalizedNames {
        switch self {
        case .partyDeclined: LocalizedNames(ru: "Сторона отказалась от участия", kk: "Тарап қатысудан бас тартты", en: "A party declined")
        case .noAgreement: LocalizedNames(ru: "Договорённость не достигнута", kk: "Келісімге қол жеткізілмеді", en: "No agreement reached")
        case .partyUnreachable: LocalizedNames(ru: "Не удалось связаться со стороной", kk: "Тараппен байланысу мүмкін болмады", en: "A party could not be reached")
        case .agreementBroken: LocalizedNames(ru: "Договор не исполнен", kk: "Келісім орындалмады", en: "The agreement was not kept")
        case .handedToGuardianship: LocalizedNames(ru: "Передано в органы опеки", kk: "Қорғаншылық органдарына берілді", en: "Handed to guardianship")
        case .other: LocalizedNames(ru: "Другое", kk: "Басқа", en: "Other")
        }
    }
}
