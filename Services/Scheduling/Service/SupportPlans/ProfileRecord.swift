import Foundation
import Models
import Postgres

/// The student profile's measures on one day: what seed 003 reviews at every evaluation.
struct ProfileRecord: Sendable, Equatable {
    /// The record.
    var id: ProfileRecordID
    /// The day the measures describe.
    var recordedOn: LocalDate
    /// Share of lessons attended, 0–100, to two decimals.
    var attendancePercent: Double
    /// Behaviour, 1 (worst) to 5 (best).
    var behaviour: Int
    /// Performance, 1 (worst) to 5 (best).
    var performance: Int
    /// What the measures do not say.
    var note: String?

    /// The columns ``init(row:)`` reads, in order, of `scheduling.profile_records r`.
    static let columns: StaticString = """
        r.id, r.recorded_on::text, r.attendance_percent::float8, r.behaviour, r.performance, r.note
        """

    /// A record as stored.
    init(row: PostgresRow) throws {
        id = ProfileRecordID(try row.decode(UUID.self, at: 0))
        recordedOn = try row.localDate(at: 1)
        attendancePercent = try row.decode(Double.self, at: 2)
        behaviour = try row.decode(Int.self, at: 3)
        performance = try row.decode(Int.self, at: 4)
        note = try row.decode(String?.self, at: 5)
    }
}
