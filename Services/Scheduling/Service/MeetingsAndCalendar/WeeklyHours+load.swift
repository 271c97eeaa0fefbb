import Foundation
import Postgres

extension WeeklyHours {
    /// The working hours of each of `specialists` (a specialist with none is never available).
    static func working(of specialists: [UUID], in connection: PostgresConnection) async throws -> [UUID: [WeeklyHours]] {
        try await load("""
            SELECT h.specialist_id, \(unescaped: storedForm) FROM scheduling.working_hours h
            WHERE h.specialist_id = ANY (\(specialists)::uuid[]) ORDER BY h.weekday, h.starts
            """, in: connection)
    }

    /// The weekly busy hours of each of `parties` (lessons, a parent's working day).
    static func busy(of parties: [UUID], in connection: PostgresConnection) async throws -> [UUID: [WeeklyHours]] {
        try await load("""
            SELECT h.party_id, \(unescaped: storedForm) FROM scheduling.party_busy_hours h
            WHERE h.party_id = ANY (\(parties)::uuid[]) ORDER BY h.weekday, h.starts
            """, in: connection)
    }

    private static func load(_ query: PostgresQuery, in connection: PostgresConnection) async throws -> [UUID: [WeeklyHours]] {
        var hours: [UUID: [WeeklyHours]] = [:]
        for row in try await connection.query(query) {
            hours[try row.decode(UUID.self, at: 0), default: []].append(try WeeklyHours(stored: row.decode(String.self, at: 1)))
        }
        return hours
    }
}
