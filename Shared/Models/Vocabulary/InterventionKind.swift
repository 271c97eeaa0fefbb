/// Вид вмешательства: the catalogue of seed 003's «Виды вмешательств» table, for support plan items.
public enum InterventionKind: String, Vocabulary {
    /// Мониторинг систематических пропусков и опозданий.
    case absenceMonitoring = "absence_monitoring"
    /// SMS или звонки родителям о пропусках.
    case absenceNotice = "absence_notice"
    /// Разъяснение правил посещаемости родителям и ученикам.
    case attendanceRules = "attendance_rules"
    /// Визиты домой.
    case homeVisit = "home_visit"
    /// Позитивные отношения между учителями и учениками.
    case teacherRelationship = "teacher_relationship"
    /// Дисциплинарные правила и процедуры реагирования.
    case disciplinaryProcedures = "disciplinary_procedures"
    /// Встречи с родителями.
    case parentMeetings = "parent_meetings"
    /// Недельный или ежедневный мониторинг поведения.
    case behaviourMonitoring = "behaviour_monitoring"
    /// Направление во внешние службы: здравоохранение, социальная защита, социальные услуги.
    case externalReferral = "external_referral"
    /// Дифференцированная педагогика и индивидуальное обучение в классе.
    case differentiatedTeaching = "differentiated_teaching"
    /// Дополнительные занятия или поддержка обучения в небольших группах.
    case extraClasses = "extra_classes"
    /// Работа с родителями по семейным учебным мероприятиям.
    case familyLearning = "family_learning"
    /// Индивидуальный план обучения.
    case individualLearningPlan = "individual_learning_plan"
}
