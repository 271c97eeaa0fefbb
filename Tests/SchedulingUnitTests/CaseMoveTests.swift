import Models
@testable import SchedulingService
import Testing

/// Every move of both procedures, legal and illegal, against the rules written out here by hand
/// (from the issue and seed 003), not derived from the code under test.
@Suite("Case state machines")
struct CaseMoveTests {
    /// Legal moves that keep the case open.
    static let legalSteps: Set<[String]> = [
        ["new", "assigned"], ["assigned", "consent_pending"], ["consent_pending", "preparation"],
        ["preparation", "main_meeting"], ["main_meeting", "agreement"], ["agreement", "follow_up"],
        // A withdrawn consent stops the programme.
        ["preparation", "consent_pending"], ["main_meeting", "consent_pending"],
        ["identified", "information_gathered"], ["information_gathered", "opened"], ["opened", "needs_assessed"],
        ["needs_assessed", "curator_chosen"], ["curator_chosen", "support_plan"], ["support_plan", "implementation"],
        ["implementation", "evaluated"], ["evaluated", "support_plan"],
    ]

    /// Legal closings: the step and the outcomes it may close with.
    static let legalClosings: [String: Set<String>] = [
        "new": ["refused", "transferred"], "assigned": ["refused", "transferred"],
        "consent_pending": ["refused", "transferred"], "agreement": ["refused", "transferred"],
        "preparation": ["not_reconciled", "refused", "transferred"],
        "main_meeting": ["reconciled", "not_reconciled", "refused", "transferred"],
        "follow_up": ["agreement_fulfilled", "not_reconciled", "refused", "transferred"],
        "identified": ["refused", "transferred"], "information_gathered": ["refused", "transferred"],
        "opened": ["refused", "transferred"], "needs_assessed": ["refused", "transferred"],
        "curator_chosen": ["refused", "transferred"], "support_plan": ["refused", "transferred"],
        "implementation": ["refused", "transferred"], "evaluated": ["goals_achieved", "refused", "transferred"],
    ]

    @Test("every move without an outcome, across both procedures, is allowed exactly when listed")
    func steps() {
        var checked = 0
        for from in CaseState.all {
            for to in CaseState.all where !to.isClosed {
                let legal = from.kind == to.kind && Self.legalSteps.contains([from.rawValue, to.rawValue])
                do throws(CaseMoveRefusal) {
                    try from.checkMove(to: to, outcome: nil)
                    #expect(legal, "\(from) → \(to) should be refused")
                } catch {
                    #expect(!legal, "\(from) → \(to) should be allowed")
                    #expect(error.code == (from.isClosed ? "case_closed" : "illegal_transition"))
                    #expect(!error.message.isEmpty && !error.messageRu.isEmpty)
                }
                checked += 1
            }
        }
        #expect(checked == 17 * 15)
    }

    @Test("every closing with every outcome is allowed exactly when listed")
    func closings() {
        for from in CaseState.all {
            let closed = CaseState.initial(for: from.kind) == .restorative(.new) ? CaseState.restorative(.closed) : .accompaniment(.closed)
            for outcome in CaseOutcome.allCases {
                let legal = Self.legalClosings[from.rawValue]?.contains(outcome.rawValue) == true
                do throws(CaseMoveRefusal) {
                    try from.checkMove(to: closed, outcome: outcome)
                    #expect(legal, "\(from) closing as \(outcome) should be refused")
                } catch {
                    #expect(!legal, "\(from) closing as \(outcome) should be allowed")
                    #expect(error.code == (from.isClosed ? "case_closed" : "outcome_not_allowed"))
                }
            }
        }
    }

    @Test("closing needs an outcome; other moves refuse one; a closed case never moves")
    func outcomes() {
        #expect(throws: CaseMoveRefusal.outcomeRequired) { try CaseState.restorative(.mainMeeting).checkMove(to: .restorative(.closed), outcome: nil) }
        #expect(throws: CaseMoveRefusal.outcomeOnlyWhenClosing) {
            try CaseState.restorative(.new).checkMove(to: .restorative(.assigned), outcome: .reconciled)
        }
        #expect(throws: CaseMoveRefusal.caseClosed) { try CaseState.accompaniment(.closed).checkMove(to: .accompaniment(.opened), outcome: nil) }
        #expect(throws: CaseMoveRefusal.illegal(from: .restorative(.new), to: .accompaniment(.opened))) {
            try CaseState.restorative(.new).checkMove(to: .accompaniment(.opened), outcome: nil)
        }
    }

    @Test("a case can be walked from its first step to closed along the procedure")
    func walks() throws {
        var state = CaseState.initial(for: .restorative)
        for next in [RestorativeCaseState.assigned, .consentPending, .preparation, .mainMeeting, .agreement, .followUp] {
            try state.checkMove(to: .restorative(next), outcome: nil)
            state = .restorative(next)
        }
        try state.checkMove(to: .restorative(.closed), outcome: .agreementFulfilled)
        state = CaseState.initial(for: .accompaniment)
        for next in [AccompanimentCaseState.informationGathered, .opened, .needsAssessed, .curatorChosen, .supportPlan, .implementation, .evaluated] {
            try state.checkMove(to: .accompaniment(next), outcome: nil)
            state = .accompaniment(next)
        }
        try state.checkMove(to: .accompaniment(.closed), outcome: .goalsAchieved)
    }

    @Test("stored names read back to the same state, and only for their own kind")
    func rawValues() {
        for state in CaseState.all {
            #expect(CaseState(kind: state.kind, rawValue: state.rawValue) == state)
        }
        #expect(CaseState(kind: .restorative, rawValue: "evaluated") == nil)
        #expect(CaseState(kind: .accompaniment, rawValue: "main_meeting") == nil)
    }
}
