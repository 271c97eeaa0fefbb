extension PlanActivityKind {
    /// Names for work plans and report rows.
    public var localizedNames: LocalizedNames {
        switch self {
        case .training:
            LocalizedNames(ru: "Обучение", kk: "Оқыту", en: "Training")
        case .event:
            LocalizedNames(ru: "Мероприятие", kk: "Іс-шара", en: "Event")
        case .meeting:
            LocalizedNames(ru: "Совещание", kk: "Кеңес", en: "Meeting")
        case .methodical:
            LocalizedNames(ru: "Методическая работа", kk: "Әдістемелік жұмыс", en: "Methodical work")
        case .monitoring:
            LocalizedNames(ru: "Мониторинг", kk: "Мониторинг", en: "Monitoring")
        case .other:
            LocalizedNames(ru: "Другое", kk: "Басқа", en: "Other")
        }
    }
}
