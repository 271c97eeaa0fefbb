import Models

/// The moves each procedure allows. A restorative case goes new → assigned → consent pending →
/// preparation (a preliminary meeting with each party) → main meeting → agreement → follow-up →
/// closed; a withdrawn consent sends a programme in preparation or at its main meeting back to
/// «consent pending». An accompaniment follows seed 003's algorithm, identified → … → evaluated,
/// and from there closes or goes on under a new support plan. Either closes early when a party
/// refuses or the case is transferred (a child in danger is handed to guardianship).
extension CaseState {
    /// The steps this one may move to without closing.
    var nextSteps: [CaseState] {
        switch self {
        case .restorative(let state):
            let next: [RestorativeCaseState] = switch state {
            case .new: [.assigned]
            case .assigned: [.consentPending]
            case .consentPending: [.preparation]
            case .preparation: [.mainMeeting, .consentPending]
            case .mainMeeting: [.agreement, .consentPending]
            case .agreement: [.followUp]
            case .followUp, .closed: []
            }
            return next.map(CaseState.restorative)
        case .accompaniment(let state):
            let next: [AccompanimentCaseState] = switch state {
            case .identified: [.informationGathered]
            case .informationGathered: [.opened]
            case .opened: [.needsAssessed]
            case .needsAssessed: [.curatorChosen]
            case .curatorChosen: [.supportPlan]
            case .supportPlan: [.implementation]
            case .implementation: [.evaluated]
            // «Continued»: the case conference sets a new plan.
            case .evaluated: [.supportPlan]
            case .closed: []
            }
            return next.map(CaseState.accompaniment)
        }
    }

    /// The outcomes with which a case may close from this step.
    var closingOutcomes: [CaseOutcome] {
        let early: [CaseOutcome] = [.refused, .transferred]
        switch self {
        case .restorative(let state):
            switch state {
            case .new, .assigned, .consentPending, .agreement: return early
            case .preparation: return [.notReconciled] + early
            case .mainMeeting: return [.reconciled, .notReconciled] + early
            // The agreement was kept, or it was not.
            case .followUp: return [.agreementFulfilled, .notReconciled] + early
            case .closed: return []
            }
        case .accompaniment(let state):
            switch state {
            case .evaluated: return [.goalsAchieved] + early
            case .closed: return []
            default: return early
            }
        }
    }

    /// Checks a move to `target`, with `outcome` exactly when `target` closes the case.
    func checkMove(to target: CaseState, outcome: CaseOutcome?) throws(CaseMoveRefusal) {
        guard !isClosed else { throw .caseClosed }
        guard target.kind == kind else { throw .illegal(from: self, to: target) }
        if target.isClosed {
            guard let outcome else { throw .outcomeRequired }
            guard closingOutcomes.contains(outcome) else { throw .outcomeNotAllowed(outcome, from: self) }
        } else {
            guard outcome == nil else { throw .outcomeOnlyWhenClosing }
            guard nextSteps.contains(target) else { throw .illegal(from: self, to: target) }
        }
    }
}

/// Why a case cannot make a move, for staff in English and Russian (no personal data).
enum CaseMoveRefusal: Error, Equatable {
    case caseClosed
    case illegal(from: CaseState, to: CaseState)
    case outcomeRequired
    case outcomeNotAllowed(CaseOutcome, from: CaseState)
    case outcomeOnlyWhenClosing

    /// A stable code for programs.
    var code: String {
        switch self {
        case .caseClosed: "case_closed"
        case .illegal: "illegal_transition"
        case .outcomeRequired: "outcome_required"
        case .outcomeNotAllowed: "outcome_not_allowed"
        case .outcomeOnlyWhenClosing: "outcome_only_when_closing"
        }
    }

    /// What is wrong, in English.
    var message: String {
        switch self {
        case .caseClosed: "The case is closed; nothing moves it any more."
        case .illegal(let from, let to): "A case at «\(from.localizedNames.en)» cannot move to «\(to.localizedNames.en)»."
        case .outcomeRequired: "Closing a case needs an outcome."
        case .outcomeNotAllowed(let outcome, let from): "A case at «\(from.localizedNames.en)» cannot close as «\(outcome.localizedNames.en)»."
        case .outcomeOnlyWhenClosing: "An outcome is given only when the case closes."
        }
    }

    /// What is wrong, in Russian.
    var messageRu: String {
        switch self {
        case .caseClosed: "Дело закрыто; перевести его на другой этап нельзя."
        case .illegal(let from, let to): "Дело на этапе «\(from.localizedNames.ru)» нельзя перевести на этап «\(to.localizedNames.ru)»."
        case .outcomeRequired: "Чтобы закрыть дело, укажите итог."
        case .outcomeNotAllowed(let outcome, let from): "Дело на этапе «\(from.localizedNames.ru)» нельзя закрыть с итогом «\(outcome.localizedNames.ru)»."
        case .outcomeOnlyWhenClosing: "Итог указывается только при закрытии дела."
        }
    }
}

extension CaseMoveRefusal {
    /// The refusal as the staff API reports it: a conflict with the case's procedure.
    var refusal: SchedulingRefusal {
        SchedulingRefusal(.conflict, code: code, message: message, messageRu: messageRu)
    }
}
