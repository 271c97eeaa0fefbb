import Foundation
import Postgres

/// Where organisations sit for reporting: a school service (ШСП) reports to its municipal
/// service (МСП), municipalities make up a region. Events name organisations by id only, so the
/// administrator records this (`accord monitoring organisations set`).
public enum OrganisationRegistry {
    /// The kinds of organisation that report.
    public enum Kind: String, Sendable, CaseIterable {
        case schoolService = "school_service"
        case municipalService = "municipal_service"
        case socialPedagogicalCentre = "social_pedagogical_centre"
    }

    /// Why an organisation could not be recorded.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// The zone is not an IANA time zone.
        case unknownTimeZone
        /// A school names a municipality that is not a recorded municipal service of the same region.
        case unknownMunicipality

        /// What went wrong, for the administrator.
        public var description: String {
            switch self {
            case .unknownTimeZone: "the time zone is not an IANA zone (e.g. Asia/Yekaterinburg)"
            case .unknownMunicipality: "the municipality is not a registered municipal service of the same region"
            }
        }
    }

    /// Records or updates an organisation.
    public static func set(
        _ id: UUID, name: String, kind: Kind, municipality: UUID?, region: String, timeZone: String, on connection: PostgresConnection
    ) async throws {
        guard TimeZone(identifier: timeZone) != nil else { throw Refusal.unknownTimeZone }
        if let municipality, municipality != id {
            let known = try await connection.query("""
                SELECT 1 FROM monitoring.organisations WHERE id = \(municipality) AND kind = 'municipal_service' AND region = \(region)
                """).first != nil
            guard known else { throw Refusal.unknownMunicipality }
        }
        try await connection.query("""
            INSERT INTO monitoring.organisations (id, name, kind, municipality_id, region, time_zone)
            VALUES (\(id), \(name), \(kind.rawValue), \(municipality), \(region), \(timeZone))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, municipality_id = excluded.municipality_id,
                region = excluded.region, time_zone = excluded.time_zone
            """)
    }
}
