extension MeetingKind {
    /// Names for calendars and forms.
    public var localizedNames: LocalizedNames {
        switch self {
        case .preliminary:
            LocalizedNames(ru: "Предварительная встреча", kk: "Алдын ала кездесу", en: "Preliminary meeting")
        case .main:
            LocalizedNames(ru: "Примирительная встреча", kk: "Татуласу кездесуі", en: "Reconciliation meeting")
        case .followUp:
            LocalizedNames(ru: "Повторная встреча", kk: "Қайталама кездесу", en: "Follow-up meeting")
        }
    }
}
