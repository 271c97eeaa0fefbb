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

extension SpecialistRole {
    /// Names for staff lists and reports.
    public var localizedNames: LocalizedNames {
        switch self {
        case .mediator:
            LocalizedNames(ru: "Ведущий ВП (медиатор)", kk: "Медиатор", en: "Mediator")
        case .peerMediator:
            LocalizedNames(ru: "Юный медиатор", kk: "Жас медиатор", en: "Peer mediator")
        case .socialPedagogue:
            LocalizedNames(ru: "Социальный педагог", kk: "Әлеуметтік педагог", en: "Social pedagogue")
        case .psychologist:
            LocalizedNames(ru: "Психолог", kk: "Психолог", en: "Psychologist")
        case .curator:
            LocalizedNames(ru: "Куратор", kk: "Куратор", en: "Curator")
        case .classTeacher:
            LocalizedNames(ru: "Классный руководитель", kk: "Сынып жетекшісі", en: "Class teacher")
        }
    }
}
