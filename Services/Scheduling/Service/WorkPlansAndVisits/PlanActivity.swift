import Foundation
import Models
import Postgres

/// One activity (мероприятие) of a work plan: what, of which kind, when, who answers for it,
/// what it should give, and whether it was held or cancelled.
struct PlanActivity: Sendable, Equatable {
    /// The activity.
    var id: PlanActivityID
    /// What is to be done: «Кружок „Юный медиатор“», «Совещание ШСП».
    var title: String
    /// Training, event, meeting, …
    var kind: PlanActivityKind
    /// The first day of its period («срок исполнения»).
    var periodStart: LocalDate
    /// The last day of its period.
    var periodEnd: LocalDate
    /// Who answers for it, as the plan names them.
    var responsible: String
    /// «Предполагаемый результат».
    var expectedResult: String?
    /// Whether it was held.
    var done: Bool
    /// The day it was held.
    var doneOn: LocalDate?
    /// What was noted when it was held.
    var note: String?
    /// The day it was cancelled, if it was.
    var cancelledOn: LocalDate?

    /// The columns ``init(row:)`` reads, in order, of `scheduling.plan_activities a`.
    static let columns: StaticString = """
        a.id, a.title, a.kind, a.period_start::text, a.period_end::text, a.responsible, a.expected_result, a.done, a.done_on::text, a.note, a.cancelled_on::text
        """

    /// An activity as stored.
    init(row: PostgresRow) throws {
        id = PlanActivityID(try row.decode(UUID.self, at: 0))
        title = try row.decode(String.self, at: 1)
        kind = try PlanActivityKind(rawValue: row.decode(String.self, at: 2)).unwrapped("plan activity kind")
        periodStart = try row.localDate(at: 3)
        periodEnd = try row.localDate(at: 4)
        responsible = try row.decode(String.self, at: 5)
        expectedResult = try row.decode(String?.self, at: 6)
        done = try row.decode(Bool.self, at: 7)
        doneOn = try row.optionalLocalDate(at: 8)
        note = try row.decode(String?.self, at: 9)
        cancelledOn = try row.optionalLocalDate(at: 10)
    }
}
