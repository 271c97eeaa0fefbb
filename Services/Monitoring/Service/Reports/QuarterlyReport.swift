import Foundation
import Models
import Postgres

/// A quarterly report as stored: what it covers, where it is in draft → submitted → accepted,
/// and how far its latest generation has got.
public struct QuarterlyReport: Sendable, Hashable {
    /// What a report covers.
    public enum Scope: String, Sendable, CaseIterable {
        /// One organisation's own report (a school service's, due by the 25th of the quarter's last month).
        case organisation
        /// A municipal service with its schools (to УО and КДНиЗП every quarter).
        case municipality
        /// Every organisation of a region.
        case region
    }

    /// Where the report is.
    public enum State: String, Sendable {
        case draft, submitted, accepted
    }

    /// The report's id.
    public var id: UUID
    /// What it covers.
    public var scope: Scope
    /// The organisation (scope organisation) or the municipal service (scope municipality).
    public var organisationID: UUID?
    /// The region.
    public var region: String
    /// The quarter.
    public var quarter: Quarter
    /// 1, then one more each time a submitted report is regenerated.
    public var revision: Int
    /// A revision made after the report was submitted (late events).
    public var flagged: Bool
    /// Draft, submitted or accepted.
    public var state: State
    /// The current generation of figures.
    public var generation: Int
    /// Organisations in the generation.
    public var partsTotal: Int
    /// Organisations computed so far.
    public var partsDone: Int
    /// When the current generation was asked for.
    public var requestedAt: Date
    /// When its totals were assembled; `nil` while it runs.
    public var completedAt: Date?
    /// When it was submitted, and by whom.
    public var submittedAt: Date?
    /// The subject of the submitter's token.
    public var submittedBy: String?
    /// When it was accepted, and by whom.
    public var acceptedAt: Date?
    /// The subject of the acceptor's token.
    public var acceptedBy: String?

    /// The columns `init(row:)` reads, from `monitoring.reports r`.
    static let columns: StaticString = """
        r.id, r.scope, r.organisation_id, r.region, r.quarter, r.revision, r.flagged, r.state, r.generation, r.parts_total,
        (SELECT count(*) FROM monitoring.report_parts p WHERE p.report_id = r.id AND p.generation = r.generation)::int,
        r.requested_at, r.completed_at, r.submitted_at, r.submitted_by, r.accepted_at, r.accepted_by
        """

    init(row: PostgresRow) throws {
        id = try row.decode(UUID.self, at: 0)
        scope = Scope(rawValue: try row.decode(String.self, at: 1)) ?? .organisation
        organisationID = try row.decode(UUID?.self, at: 2)
        region = try row.decode(String.self, at: 3)
        guard let quarter = Quarter(try row.decode(String.self, at: 4)) else {
            throw PostgresError(.decodingFailure, reason: "a report's quarter is not YYYY-QN")
        }
        self.quarter = quarter
        revision = try row.decode(Int.self, at: 5)
        flagged = try row.decode(Bool.self, at: 6)
        state = State(rawValue: try row.decode(String.self, at: 7)) ?? .draft
        generation = try row.decode(Int.self, at: 8)
        partsTotal = try row.decode(Int.self, at: 9)
        partsDone = try row.decode(Int.self, at: 10)
        requestedAt = try row.decode(Date.self, at: 11)
        completedAt = try row.decode(Date?.self, at: 12)
        submittedAt = try row.decode(Date?.self, at: 13)
        submittedBy = try row.decode(String?.self, at: 14)
        acceptedAt = try row.decode(Date?.self, at: 15)
        acceptedBy = try row.decode(String?.self, at: 16)
    }
}
