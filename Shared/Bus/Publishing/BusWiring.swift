import Models
import Postgres

/// One service's place on the bus, declared in Swift where the compiler and the tests see it:
/// the contracts it publishes, and per queue the contracts its consumers take.
///
/// The queues' subscriptions (`bus.subscriptions`) follow from it: a service that migrates at
/// start-up subscribes its queues after its migrations, and `accord migrate` does it for every
/// service (the migrations also create them, so that a subscription exists before its first
/// publisher runs; a test proves the two agree). The
/// contract table of `docs/bus.md` is generated from every service's wiring
/// (`accord bus wiring`), and the tests check that every published contract has a consumer and
/// every consumed one a producer.
public struct BusWiring: Sendable {
    /// A queue of the service and the contracts its consumers take from it.
    public struct Queue: Sendable {
        /// The queue's name (`scheduling`, `monitoring`, …).
        public let name: String
        /// The topics it subscribes to.
        public let contracts: [any TopicContract.Type]

        /// `name`, subscribed to `contracts`.
        public init(_ name: String, takes contracts: [any TopicContract.Type]) {
            self.name = name
            self.contracts = contracts
        }
    }

    /// The service (`intake`, `scheduling`, `monitoring`, `notifications`).
    public let service: String
    /// What it publishes for the other services.
    public let publishes: [any TopicContract.Type]
    /// What it publishes for readers beyond the services' queues, which may have no consumer
    /// among them: an audit trail or a consumer yet to come.
    public let publishesForOutside: [any TopicContract.Type]
    /// What it no longer publishes: still consumed, so that messages left on a queue at an
    /// upgrade are taken.
    public let formerlyPublished: [any TopicContract.Type]
    /// Its queues, with what each takes.
    public let queues: [Queue]

    /// A service's wiring.
    public init(
        service: String, publishes: [any TopicContract.Type], publishesForOutside: [any TopicContract.Type] = [],
        formerlyPublished: [any TopicContract.Type] = [], queues: [Queue]
    ) {
        self.service = service
        self.publishes = publishes
        self.publishesForOutside = publishesForOutside
        self.formerlyPublished = formerlyPublished
        self.queues = queues
    }

    /// The rows of `bus.subscriptions` it needs: `topic → queue`.
    public var subscriptions: [(topic: String, queue: String)] {
        queues.flatMap { queue in queue.contracts.map { (topic: $0.messageType, queue: queue.name) } }
    }

    /// Subscribes its queues to their topics (idempotent), and drops the subscriptions of its
    /// queues to topics it no longer takes, which would otherwise pile up unconsumed.
    public func subscribe(on connection: PostgresConnection) async throws {
        for queue in queues {
            let topics = queue.contracts.map { $0.messageType }
            try await MessageBus.subscribe(queue.name, to: topics, in: connection)
            try await connection.query("""
                DELETE FROM bus.subscriptions WHERE queue = \(queue.name) AND NOT topic = ANY(\(topics)::text[])
                """)
        }
    }
}
