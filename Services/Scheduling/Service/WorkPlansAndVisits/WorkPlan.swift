import Foundation
import Models
import Postgres

/// A service's plan of work for a year (seeds 000, 001) and its activities.
struct WorkPlan: Sendable, Equatable {
    /// The plan.
    var id: WorkPlanID
    /// The year it is for.
    var year: Int
    /// Its title: «План работы школьной службы примирения на 2024–2025 учебный год».
    var title: String
    /// Its activities, by period.
    var activities: [PlanActivity]

    /// The columns ``init(row:activities:)`` reads, in order, of `scheduling.work_plans w`.
    static let columns: StaticString = "w.id, w.year, w.title"

    /// A stored plan with its activities.
    init(row: PostgresRow, activities: [PlanActivity]) throws {
        id = WorkPlanID(try row.decode(UUID.self, at: 0))
        year = try row.decode(Int.self, at: 1)
        title = try row.decode(String.self, at: 2)
        self.activities = activities
    }
}
