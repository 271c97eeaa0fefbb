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
