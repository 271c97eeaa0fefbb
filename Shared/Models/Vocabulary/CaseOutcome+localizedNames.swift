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
