/// Направление вмешательства (seed 003, «Виды вмешательств»); the quarterly report shows each
/// accompaniment case's change along these three.
public enum InterventionArea: String, Vocabulary {
    /// Посещаемость.
    case attendance
    /// Поведение.
    case behaviour
    /// Успеваемость.
    case performance
}

extension InterventionArea {
    /// Names for support plans and report columns.
    public var localizedNames: LocalizedNames {
        switch self {
        case .attendance:
            LocalizedNames(ru: "Посещаемость", kk: "Сабаққа қатысу", en: "Attendance")
        case .behaviour:
            LocalizedNames(ru: "Поведение", kk: "Мінез-құлық", en: "Behaviour")
        case .performance:
            LocalizedNames(ru: "Успеваемость", kk: "Үлгерім", en: "Performance")
        }
    }
}
