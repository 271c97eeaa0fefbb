import Models

/// Where a case stands: a step of its kind's procedure (restorative programme or accompaniment).
enum CaseState: Hashable, Sendable {
    case restorative(RestorativeCaseState)
    case accompaniment(AccompanimentCaseState)

    /// The first step of a new case of `kind`.
    static func initial(for kind: CaseKind) -> CaseState {
        switch kind {
        case .restorative: .restorative(.new)
        case .accompaniment: .accompaniment(.identified)
        }
    }

    /// Every step of both procedures.
    static var all: [CaseState] {
        RestorativeCaseState.allCases.map(CaseState.restorative) + AccompanimentCaseState.allCases.map(CaseState.accompaniment)
    }

    /// The state's kind of case.
    var kind: CaseKind {
        switch self {
        case .restorative: .restorative
        case .accompaniment: .accompaniment
        }
    }

    /// The name stored in `scheduling.cases.state` and carried by events.
    var rawValue: String {
        switch self {
        case .restorative(let state): state.rawValue
        case .accompaniment(let state): state.rawValue
        }
    }

    /// A stored state of a case of `kind`; `nil` for a name that procedure does not have.
    init?(kind: CaseKind, rawValue: String) {
        switch kind {
        case .restorative: guard let state = RestorativeCaseState(rawValue: rawValue) else { return nil }; self = .restorative(state)
        case .accompaniment: guard let state = AccompanimentCaseState(rawValue: rawValue) else { return nil }; self = .accompaniment(state)
        }
    }

    /// The step's names for people.
    var localizedNames: LocalizedNames {
        switch self {
        case .restorative(let state): state.localizedNames
        case .accompaniment(let state): state.localizedNames
        }
    }

    /// Whether the case is over: nothing moves it any more.
    var isClosed: Bool {
        self == .restorative(.closed) || self == .accompaniment(.closed)
    }
}
