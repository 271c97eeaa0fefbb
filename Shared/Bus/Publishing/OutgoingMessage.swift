import Foundation
import Models
import Postgres

/// A message to put on the bus: its contract's payload and how it should be delivered.
public struct OutgoingMessage: Sendable {
    /// Attempts a message gets unless it says otherwise.
    public static let defaultMaxAttempts: Int32 = 25

    /// The message type, e.g. `referral.received.v1`.
    public var type: String
    /// The payload as JSON text.
    public var payload: String
    /// Higher runs first among messages that are due.
    public var priority: Int16
    /// When the message becomes due; `nil` means now (by the database's clock).
    public var runAt: Date?
    /// Attempts before the message is dead-lettered.
    public var maxAttempts: Int32
    /// At most one pending message per key and queue; a second is dropped.
    public var dedupeKey: String?
    /// The conversation this message belongs to (e.g. the referral's id).
    public var correlationID: UUID?
    /// The message that caused this one.
    public var causationID: UUID?
    /// W3C trace context, so a trace continues across services.
    public var traceContext: String?

    /// Creates a message from a typed contract.
    public init(
        _ contract: some MessageContract,
        priority: Int16 = 0,
        runAt: Date? = nil,
        maxAttempts: Int32 = OutgoingMessage.defaultMaxAttempts,
        dedupeKey: String? = nil,
        correlationID: UUID? = nil,
        causationID: UUID? = nil,
        traceContext: String? = nil
    ) throws {
        self.init(
            type: Swift.type(of: contract).messageType,
            payload: try PostgresJSONCoding.encode(contract),
            priority: priority,
            runAt: runAt,
            maxAttempts: maxAttempts,
            dedupeKey: dedupeKey,
            correlationID: correlationID,
            causationID: causationID,
            traceContext: traceContext
        )
    }

    /// Creates a message from a type name and JSON text.
    public init(
        type: String,
        payload: String,
        priority: Int16 = 0,
        runAt: Date? = nil,
        maxAttempts: Int32 = OutgoingMessage.defaultMaxAttempts,
        dedupeKey: String? = nil,
        correlationID: UUID? = nil,
        causationID: UUID? = nil,
        traceContext: String? = nil
    ) {
        self.type = type
        self.payload = payload
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.dedupeKey = dedupeKey
        self.correlationID = correlationID
        self.causationID = causationID
        self.traceContext = traceContext
    }
}
