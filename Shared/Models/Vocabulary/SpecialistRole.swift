/// Роль специалиста в деле или программе.
public enum SpecialistRole: String, Vocabulary {
    /// Ведущий восстановительных программ, медиатор.
    case mediator
    /// Юный медиатор: a trained student (кружок «Юный медиатор»), reported separately from adults.
    case peerMediator = "peer_mediator"
    /// Социальный педагог: coordinates accompaniment inside the school.
    case socialPedagogue = "social_pedagogue"
    /// Психолог (педагог-психолог).
    case psychologist
    /// Куратор: the specialist elected to lead an accompaniment case.
    case curator
    /// Классный руководитель.
    case classTeacher = "class_teacher"
}
