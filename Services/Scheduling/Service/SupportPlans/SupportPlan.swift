import Foundation
import Models
import Postgres

/// An individual support plan (ИПП) of an accompaniment case: its goals and dates, the
/// interventions it distributes among the team and outside services, and the notes on its course.
struct SupportPlan: Sendable, Equatable {
    /// The plan.
    var id: SupportPlanID
    /// The accompaniment case it is for.
    var caseID: CaseID
    /// The first day of the plan.
    var startsOn: LocalDate
    /// The day the team evaluates it.
    var reviewOn: LocalDate
    /// What the plan is to achieve.
    var goals: String
    /// Active, or completed at its evaluation.
    var status: SupportPlanStatus
    /// Its interventions, by start date.
    var interventions: [Intervention]
    /// Its progress notes, by date.
    var notes: [ProgressNote]

    /// The columns ``init(row:interventions:notes:)`` reads, in order, of `scheduling.support_plans p`.
    static let columns: StaticString = "p.id, p.case_id, p.starts_on::text, p.review_on::text, p.goals, p.status"

    /// A stored plan with its interventions and notes.
    init(row: PostgresRow, interventions: [Intervention], notes: [ProgressNote]) throws {
        id = SupportPlanID(try row.decode(UUID.self, at: 0))
        caseID = CaseID(try row.decode(UUID.self, at: 1))
        startsOn = try row.localDate(at: 2)
        reviewOn = try row.localDate(at: 3)
        goals = try row.decode(String.self, at: 4)
        status = try SupportPlanStatus(rawValue: row.decode(String.self, at: 5)).unwrapped("support plan status")
        self.interventions = interventions
        self.notes = notes
    }
}
