import Foundation
import Models
import Postgres

/// An instructive-methodological visit (инструктивно-методический выход, seed 004) of the
/// caller's centre to a school, with its analytic card: the shortcomings found, the deadlines to
/// fix them, and the school's acknowledgement by signature and date.
struct MethodologicalVisit: Sendable, Equatable {
    /// The visit.
    var id: MethodologicalVisitID
    /// The school visited.
    var schoolName: String
    /// The day of the visit.
    var visitedOn: LocalDate
    /// Why the visit was made: by the schedule, at the school's request, to study its work.
    var purpose: String
    /// The analytic card's shortcomings, in the card's order.
    var findings: [VisitFinding]
    /// Who at the school signed the card, once someone has.
    var acknowledgedBy: String?
    /// The date they wrote by their signature.
    var acknowledgedOn: LocalDate?

    /// The columns ``init(row:findings:)`` reads, in order, of `scheduling.methodological_visits v`.
    static let columns: StaticString = """
        v.id, v.school_name, v.visited_on::text, v.purpose, v.acknowledged_by, v.acknowledged_on::text
        """

    /// A stored visit with its findings.
    init(row: PostgresRow, findings: [VisitFinding]) throws {
        id = MethodologicalVisitID(try row.decode(UUID.self, at: 0))
        schoolName = try row.decode(String.self, at: 1)
        visitedOn = try row.localDate(at: 2)
        purpose = try row.decode(String.self, at: 3)
        self.findings = findings
        acknowledgedBy = try row.decode(String?.self, at: 4)
        acknowledgedOn = try row.optionalLocalDate(at: 5)
    }
}
