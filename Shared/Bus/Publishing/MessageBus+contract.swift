import Foundation
import Models
import Postgres

extension MessageBus {
    /// Publishes one typed event on its own contract's topic, inside the caller's transaction, so
    /// the event exists exactly when the writes that caused it commit.
    public static func publish(_ event: some MessageContract, correlationID: UUID?, in transaction: PostgresConnection) async throws {
        try await publish(
            [try OutgoingMessage(event, correlationID: correlationID)], topic: type(of: event).messageType, in: transaction)
    }
}
