import Foundation
import Models
import Postgres

/// One shortcoming of a visit's analytic card and the deadline the school has to fix it.
struct VisitFinding: Sendable, Equatable {
    /// The finding.
    var id: VisitFindingID
    /// The shortcoming, with its recommendation.
    var finding: String
    /// The deadline to fix it.
    var fixBy: LocalDate
    /// The day the school reported it fixed.
    var fixedOn: LocalDate?

    /// What the visitor writes for one line of the card.
    struct Draft: Sendable, Equatable {
        /// The shortcoming, with its recommendation.
        var finding: String
        /// The deadline to fix it.
        var fixBy: LocalDate
    }

    /// The columns ``init(row:)`` reads, in order, of `scheduling.visit_findings f`.
    static let columns: StaticString = "f.id, f.finding, f.fix_by::text, f.fixed_on::text"

    /// A finding as stored.
    init(row: PostgresRow) throws {
        id = VisitFindingID(try row.decode(UUID.self, at: 0))
        finding = try row.decode(String.self, at: 1)
        fixBy = try row.localDate(at: 2)
        fixedOn = try row.optionalLocalDate(at: 3)
    }
}
