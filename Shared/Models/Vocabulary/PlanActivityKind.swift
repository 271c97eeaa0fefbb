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
