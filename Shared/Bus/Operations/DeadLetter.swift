import Foundation
import Postgres

/// A dead-lettered message as operators see it: what and where, never the payload, which may
/// hold personal data.
public struct DeadLetter: Sendable, Equatable, Codable {
    /// The message's id on the bus.
    public var id: Int64
    /// The queue it died on.
    public var queue: String
    /// Its type, e.g. `referral.received.v1`.
    public var type: String
    /// Attempts made.
    public var attempts: Int
    /// The last attempt's error: a database error's text or an error type's name.
    public var lastError: String?
    /// When it was enqueued.
    public var createdAt: Date

    /// Creates a dead letter's summary.
    public init(id: Int64, queue: String, type: String, attempts: Int, lastError: String?, createdAt: Date) {
        self.id = id
        self.queue = queue
        self.type = type
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
    }

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        queue = try row.decode(String.self, at: 1)
        type = try row.decode(String.self, at: 2)
        attempts = try row.decode(Int.self, at: 3)
        lastError = try row.decode(String?.self, at: 4)
        createdAt = try row.decode(Date.self, at: 5)
    }
}
