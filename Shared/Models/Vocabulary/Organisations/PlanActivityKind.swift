/// Форма мероприятия плана работы службы (seeds 000 and 001; seed 004's forms of coordination):
/// monitoring counts the trainings and events held against the plan.
public enum PlanActivityKind: String, Vocabulary {
    /// Обучение: семинар, семинар-практикум, тренинг, кружок «Юный медиатор».
    case training
    /// Мероприятие: круглый стол, ярмарка, акция, оформление стенда.
    case event
    /// Совещание службы, инструктивно-методическое совещание, методическое объединение.
    case meeting
    /// Методическая работа: рекомендации, инструкции, информационно-методические материалы.
    case methodical
    /// Мониторинг и отчётность.
    case monitoring
    /// Другое.
    case other
}

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
