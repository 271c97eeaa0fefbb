extension AgeGroup {
    /// Names for case cards and report rows.
    public var localizedNames: LocalizedNames {
        switch self {
        case .under14:
            LocalizedNames(ru: "До 14 лет", kk: "14 жасқа дейін", en: "Under 14")
        case .from14to17:
            LocalizedNames(ru: "14–17 лет", kk: "14–17 жас", en: "14 to 17")
        case .adult:
            LocalizedNames(ru: "18 лет и старше", kk: "18 жас және одан жоғары", en: "18 and over")
        }
    }
}
