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
