/// Итог дела, recorded when a case closes. The quarterly report counts completed programmes against
/// those not completed, with reasons, and agreements reached against those fulfilled.
public enum CaseOutcome: String, Vocabulary {
    /// Примирение достигнуто.
    case reconciled
    /// Примирительный договор выполнен.
    case agreementFulfilled = "agreement_fulfilled"
    /// Примирение не достигнуто.
    case notReconciled = "not_reconciled"
    /// Отказ стороны или законного представителя от участия (в том числе отзыв согласия).
    case refused
    /// Передано в другую службу или ведомство.
    case transferred
    /// Работа продолжена. No procedure closes a case with it: an accompaniment the case
    /// conference continues moves from «evaluated» to a new support plan and stays open, and the
    /// quarterly report counts that move (`accompaniments_continued`). Kept because published
    /// contracts carry this vocabulary.
    case continued
    /// Цели сопровождения достигнуты: the case conference closed an accompaniment whose plan worked.
    case goalsAchieved = "goals_achieved"
}

extension CaseOutcome {
    /// Names for case cards and report rows.
    public var localizedNames: LocalizedNames {
        switch self {
        case .reconciled:
            LocalizedNames(ru: "Примирение достигнуто", kk: "Татуласуға қол жеткізілді", en: "Reconciled")
        case .agreementFulfilled:
            LocalizedNames(ru: "Договор выполнен", kk: "Келісім орындалды", en: "Agreement fulfilled")
        case .notReconciled:
            LocalizedNames(ru: "Примирение не достигнуто", kk: "Татуласуға қол жеткізілмеді", en: "Not reconciled")
        case .refused:
            LocalizedNames(ru: "Отказ от участия", kk: "Қатысудан бас тарту", en: "Refused to take part")
        case .transferred:
            LocalizedNames(ru: "Передано в другую службу", kk: "Басқа қызметке берілді", en: "Transferred")
        case .continued:
            LocalizedNames(ru: "Работа продолжена", kk: "Жұмыс жалғастырылды", en: "Work continued")
        case .goalsAchieved:
            LocalizedNames(ru: "Цели сопровождения достигнуты", kk: "Сүйемелдеу мақсаттарына қол жеткізілді", en: "Accompaniment goals achieved")
        }
    }
}
