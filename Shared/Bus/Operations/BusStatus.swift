import Postgres

/// A snapshot of the bus, queue by queue, as ``BusAdministration/status(countingHistory:)`` reads it.
public struct BusStatus: Sendable, Equatable, Codable {
    /// Every queue with live messages or a subscription, by name.
    public var queues: [QueueStatus]
    /// Finished messages kept in `bus.history`; `nil` when not counted.
    public var historyCount: Int?

    /// Creates a snapshot.
    public init(queues: [QueueStatus], historyCount: Int?) {
        self.queues = queues
        self.historyCount = historyCount
    }
}

/// The live messages of one queue.
public struct QueueStatus: Sendable, Equatable, Codable {
    /// The queue's name.
    public var queue: String
    /// Messages waiting for a worker, due or not.
    public var ready: Int
    /// Messages a worker has claimed.
    public var running: Int
    /// Messages that used up their attempts.
    public var dead: Int
    /// Ready messages whose time has come: the backlog workers should be eating.
    public var dueNow: Int
    /// How long the oldest due message has been waiting, in seconds; `nil` when none is due.
    public var oldestDueAgeSeconds: Double?

    /// Creates a queue's figures.
    public init(queue: String, ready: Int, running: Int, dead: Int, dueNow: Int, oldestDueAgeSeconds: Double?) {
        self.queue = queue
        self.ready = ready
        self.running = running
        self.dead = dead
        self.dueNow = dueNow
        self.oldestDueAgeSeconds = oldestDueAgeSeconds
    }

    init(row: PostgresRow) throws {
        queue = try row.decode(String.self, at: 0)
        ready = try row.decode(Int.self, at: 1)
        running = try row.decode(Int.self, at: 2)
        dead = try row.decode(Int.self, at: 3)
        dueNow = try row.decode(Int.self, at: 4)
        oldestDueAgeSeconds = try row.decode(Double?.self, at: 5)
    }
}
