import Logging
import Models
import Postgres

extension QueueWorker {
    /// A worker for a queue that carries one contract: each message is decoded as `Contract` and
    /// handed to `handle`, which writes in the transaction and returns an outcome (throwing
    /// retries). A message of any other type cannot be handled by retrying, so it is
    /// acknowledged with a warning naming its type (never its payload).
    public init<Contract: MessageContract>(
        pool: PostgresPool, queue: String, consuming contract: Contract.Type, options: Options = Options(),
        logger: Logger = Logger(label: "accord.bus"),
        handle: @escaping @Sendable (Contract, HandlerTransaction) async throws -> HandlerOutcome
    ) {
        self.init(pool: pool, queue: queue, options: options, logger: logger) { message, transaction in
            guard message.type == Contract.messageType else {
                logger.warning("ignoring unexpected message", metadata: ["queue": "\(queue)", "type": "\(message.type)"])
                return .done
            }
            return try await handle(try message.decode(Contract.self), transaction)
        }
    }
}
