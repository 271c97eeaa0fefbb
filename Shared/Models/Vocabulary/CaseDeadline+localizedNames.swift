extension CaseDeadline {
    /// Names for warnings and reports.
    public var localizedNames: LocalizedNames {
        switch self {
        case .firstContact: LocalizedNames(ru: "Срок первого контакта", kk: "Алғашқы байланыс мерзімі", en: "First contact due")
        case .senderDeadline: LocalizedNames(ru: "Срок ответа направившему органу", kk: "Жолдаған органға жауап беру мерзімі", en: "Answer due to the sender")
        }
    }
}
