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
