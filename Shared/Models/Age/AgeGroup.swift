/// Возрастная группа: the age bands that change what the law and the programme allow
/// (who gives consent, liability from 14, adulthood at 18), and the bands reports count participants in.
public enum AgeGroup: String, Vocabulary {
    /// Младше 14 лет (малолетний).
    case under14 = "under_14"
    /// От 14 до 17 лет включительно.
    case from14to17 = "from_14_to_17"
    /// Совершеннолетний, 18 лет и старше.
    case adult

    /// The group of someone `fullYears` old.
    public init(fullYears: Int) {
        switch fullYears {
        case ..<14: self = .under14
        case 14..<18: self = .from14to17
        default: self = .adult
        }
    }
}
