import Foundation
import Models
import Postgres

/// Registers and lists an organisation's specialists (`accord scheduling specialists …`); every
/// change is audited with the actor `admin`. Until staff tools have their own login, this is how
/// a service's team is set up.
public struct SpecialistAdministration: Sendable {
    let pool: PostgresPool

    /// An administration over `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A specialist as listed.
    public struct Specialist: Sendable, Codable, Equatable {
        @CanonicalUUID public var id: UUID
        @CanonicalUUID public var organisationId: UUID
        public var displayName: String
        public var roles: [String]
        public var maxCaseload: Int
        /// Open cases assigned or proposed to them.
        public var openCases: Int
        public var active: Bool
    }

    /// Why an administrative change was refused.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Registers a specialist.
    ///
    /// - Throws: ``Refusal`` for an empty or overlong name, no role, an unknown role or a caseload
    ///   outside 1–500.
    public func addSpecialist(organisationID: UUID, displayName: String, roles: [String], maxCaseload: Int) async throws -> Specialist {
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        // Counted as PostgreSQL's length() counts: code points.
        guard (1...200).contains(name.unicodeScalars.count) else { throw Refusal(description: "the name must have 1 to 200 characters") }
        guard !roles.isEmpty else { throw Refusal(description: "give at least one role") }
        let unknown = roles.filter { SpecialistRole(rawValue: $0) == nil }
        guard unknown.isEmpty else {
            throw Refusal(description: "unknown role \(unknown[0]); roles: \(SpecialistRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (1...500).contains(maxCaseload) else { throw Refusal(description: "the full caseload must be 1 to 500 open cases") }
        let id = UUID.v7()
        try await pool.withTransaction { connection in
            try await connection.query("""
                WITH added AS (
                    INSERT INTO scheduling.specialists (id, organisation_id, display_name, roles, max_caseload)
                    VALUES (\(id), \(organisationID), \(name), \(Array(Set(roles)).sorted())::text[], \(maxCaseload))
                    RETURNING id
                )
                INSERT INTO scheduling.audit_log (actor, action, specialist_id) SELECT 'admin', 'specialist.add', id FROM added
                """)
            // At work Monday to Friday, 09:00–18:00, until their head sets their week.
            try await CalendarStore.replaceWorkingHours(of: id, with: Self.defaultWeek, in: connection)
        }
        return Specialist(
            id: id, organisationId: organisationID, displayName: name, roles: Array(Set(roles)).sorted(), maxCaseload: maxCaseload,
            openCases: 0, active: true)
    }

    /// A new specialist's week: Monday to Friday, 09:00–18:00 local time.
    static let defaultWeek = (1...5).map { WeeklyHours(weekday: $0, starts: 9 * 60, ends: 18 * 60)! }

    /// Sets what scheduling knows of an organisation: its time zone (an IANA name, such as
    /// `Asia/Yekaterinburg`) and its norm for first contact, in days. Cases opened from then on
    /// are due for first contact by the new norm.
    ///
    /// - Throws: ``Refusal`` for an unknown time zone or a norm outside 1–60 days.
    public func setOrganisation(_ organisationID: UUID, timeZone: String, firstContactDays: Int) async throws {
        guard TimeZone(identifier: timeZone) != nil else { throw Refusal(description: "unknown time zone \(timeZone); use an IANA name such as Asia/Almaty") }
        guard (1...60).contains(firstContactDays) else { throw Refusal(description: "the first-contact norm must be 1 to 60 days") }
        try await pool.query("""
            WITH set AS (
                INSERT INTO scheduling.organisations (id, time_zone, first_contact_days) VALUES (\(organisationID), \(timeZone), \(firstContactDays))
                ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone, first_contact_days = excluded.first_contact_days, updated_at = now()
            )
            INSERT INTO scheduling.audit_log (actor, action, organisation_id) VALUES ('admin', 'organisation.set', \(organisationID))
            """)
    }

    /// The specialists of `organisationID` (or of every organisation), with their current caseloads.
    public func specialists(organisationID: UUID? = nil) async throws -> [Specialist] {
        try await pool.query("""
            SELECT s.id, s.organisation_id, s.display_name, s.roles, s.max_caseload,
                   (SELECT count(*) FROM scheduling.cases c
                    WHERE coalesce(c.specialist_id, c.proposed_specialist_id) = s.id AND c.state <> 'closed')::int8,
                   s.active
            FROM scheduling.specialists s
            WHERE \(organisationID)::uuid IS NULL OR s.organisation_id = \(organisationID)
            ORDER BY s.organisation_id, s.display_name, s.id
            """).map { row in
            Specialist(
                id: try row.decode(UUID.self, at: 0), organisationId: try row.decode(UUID.self, at: 1),
                displayName: try row.decode(String.self, at: 2), roles: try row.decode([String].self, at: 3),
                maxCaseload: try row.decode(Int.self, at: 4), openCases: try row.decode(Int.self, at: 5),
                active: try row.decode(Bool.self, at: 6))
        }
    }
}
