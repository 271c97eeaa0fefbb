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

extension InterventionKind {
    /// The column of seed 003's table the intervention belongs to.
    public var area: InterventionArea {
        switch self {
        case .absenceMonitoring, .absenceNotice, .attendanceRules, .homeVisit:
            .attendance
        case .teacherRelationship, .disciplinaryProcedures, .parentMeetings, .behaviourMonitoring,
            .externalReferral:
            .behaviour
        case .differentiatedTeaching, .extraClasses, .familyLearning, .individualLearningPlan:
            .performance
        }
    }
}

extension InterventionKind {
    /// Names for support plans.
    public var localizedNames: LocalizedNames {
        switch self {
        case .absenceMonitoring:
            LocalizedNames(
                ru: "Мониторинг систематических пропусков и опозданий",
                kk: "Жүйелі сабақ босату мен кешігуді бақылау",
                en: "Monitoring of repeated absences and lateness"
            )
        case .absenceNotice:
            LocalizedNames(
                ru: "SMS и звонки родителям о пропусках",
                kk: "Сабақ босату туралы ата-аналарға SMS және қоңырау",
                en: "Texts and calls to parents about absences"
            )
        case .attendanceRules:
            LocalizedNames(
                ru: "Разъяснение правил посещаемости",
                kk: "Сабаққа қатысу ережелерін түсіндіру",
                en: "Explaining attendance rules"
            )
        case .homeVisit:
            LocalizedNames(ru: "Визиты домой", kk: "Үйге бару", en: "Home visits")
        case .teacherRelationship:
            LocalizedNames(
                ru: "Позитивные отношения между учителями и учениками",
                kk: "Мұғалімдер мен оқушылар арасындағы жағымды қарым-қатынас",
                en: "Positive teacher–student relationships"
            )
        case .disciplinaryProcedures:
            LocalizedNames(
                ru: "Дисциплинарные правила и процедуры",
                kk: "Тәртіп ережелері мен рәсімдері",
                en: "Disciplinary rules and procedures"
            )
        case .parentMeetings:
            LocalizedNames(ru: "Встречи с родителями", kk: "Ата-аналармен кездесулер", en: "Meetings with parents")
        case .behaviourMonitoring:
            LocalizedNames(
                ru: "Недельный или ежедневный мониторинг поведения",
                kk: "Мінез-құлықты апта сайын немесе күн сайын бақылау",
                en: "Weekly or daily behaviour monitoring"
            )
        case .externalReferral:
            LocalizedNames(
                ru: "Направление во внешние службы",
                kk: "Сыртқы қызметтерге жолдау",
                en: "Referral to external services"
            )
        case .differentiatedTeaching:
            LocalizedNames(
                ru: "Дифференцированное и индивидуальное обучение в классе",
                kk: "Сыныпта сараланған және жеке оқыту",
                en: "Differentiated and individual teaching in class"
            )
        case .extraClasses:
            LocalizedNames(
                ru: "Дополнительные занятия, обучение в малых группах",
                kk: "Қосымша сабақтар, шағын топтарда оқыту",
                en: "Extra classes or small-group support"
            )
        case .familyLearning:
            LocalizedNames(
                ru: "Работа с родителями по семейным учебным мероприятиям",
                kk: "Отбасылық оқу іс-шаралары бойынша ата-аналармен жұмыс",
                en: "Family learning activities with parents"
            )
        case .individualLearningPlan:
            LocalizedNames(ru: "Индивидуальный план обучения", kk: "Жеке оқу жоспары", en: "Individual learning plan")
        }
    }
}
