import Foundation
import Models
import Postgres

/// A message a worker has claimed and hands to its handler.
public struct ClaimedMessage: Sendable {
    /// The message's id on the bus.
    public let id: Int64
    /// The queue it was claimed from.
    public let queue: String
    /// Its type, e.g. `referral.received.v1`.
    public let type: String
    /// The payload as JSON text.
    public let payload: String
    /// This attempt's number, from 1.
    public let attempt: Int
    /// Attempts allowed before the message is dead-lettered.
    public let maxAttempts: Int
    /// The conversation it belongs to.
    public let correlationID: UUID?
    /// The message that caused it.
    public let causationID: UUID?
    /// W3C trace context of the publisher.
    public let traceContext: String?
    let priority: Int
    let runAt: Date

    /// Decodes the payload as a contract, checking the type matches.
    public func decode<Contract: MessageContract>(_ contract: Contract.Type) throws -> Contract {
        guard type == Contract.messageType else {
            throw PostgresError(.decodingFailure, reason: "message is \(type), not \(Contract.messageType)")
        }
        return try PostgresJSONCoding.decoder().decode(Contract.self, from: Data(payload.utf8))
    }

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        queue = try row.decode(String.self, at: 1)
        type = try row.decode(String.self, at: 2)
        payload = try row.decode(String.self, at: 3)
        attempt = try row.decode(Int.self, at: 4)
        maxAttempts = try row.decode(Int.self, at: 5)
        correlationID = try row.decode(UUID?.self, at: 6)
        causationID = try row.decode(UUID?.self, at: 7)
        traceContext = try row.decode(String?.self, at: 8)
        priority = try row.decode(Int.self, at: 9)
        runAt = try row.decode(Date.self, at: 10)
    }
}

/// What a handler decided about a message it did not fail.
public enum HandlerOutcome: Sendable, Equatable {
    /// Done: the message leaves the queue together with the handler's writes.
    case done
    /// Not now: run it again after the delay, without counting a failed attempt.
    case snooze(Duration)
}
