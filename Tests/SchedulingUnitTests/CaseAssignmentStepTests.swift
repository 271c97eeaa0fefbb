import Foundation
import Models
@testable import SchedulingService
import Testing
import TestSupport

/// Which cases take a step when a head assigns their specialist: the rule written out here by
/// hand from seed 003's algorithm (needs assessment, then the curator chosen), and the contract
/// that states it.
@Suite("Assignment as a step of the procedure")
struct CaseAssignmentStepTests {
    /// The steps assigning takes; every other state keeps its step.
    static let steps: [CaseState: CaseState] = [
        .restorative(.new): .restorative(.assigned),
        .accompaniment(.needsAssessed): .accompaniment(.curatorChosen),
    ]

    @Test("a new case becomes assigned, an assessed accompaniment gets its curator, every other state keeps its step")
    func rule() throws {
        for state in CaseState.all {
            #expect(state.stepOnAssignment == Self.steps[state], "\(state)")
            if let next = state.stepOnAssignment { try state.checkMove(to: next, outcome: nil) }
        }
    }

    @Test("assignCase in scheduling.yaml names exactly the states that move on assignment, and where to")
    func contract() throws {
        let document = try Repository.text("docs/api/scheduling.yaml")
        let operation = try #require(document.range(of: "operationId: assignCase"))
        let description = try #require(document.range(of: "description: |", range: operation.upperBound..<document.endIndex))
        let end = try #require(document.range(of: "parameters:", range: description.upperBound..<document.endIndex))
        let text = String(document[description.upperBound..<end.lowerBound])
        let states = Set(CaseState.all.map(\.rawValue))
        let named = text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 && states.contains(String($0.element)) }.map { String($0.element) }
        let expected = CaseState.all.compactMap { state in state.stepOnAssignment.map { [state.rawValue, $0.rawValue] } }.flatMap { $0 }
        #expect(named == expected)
    }
}
