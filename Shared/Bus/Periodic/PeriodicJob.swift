import Foundation

/// A message enqueued on a cron schedule, once per firing however many schedulers run.
public struct PeriodicJob: Sendable {
    /// Identifies the job in the firings ledger; keep it stable across deployments, or a
    /// renamed job fires again for a period it already fired in.
    public var name: String
    /// When the job fires.
    public var schedule: CronSchedule
    /// The zone the schedule's wall-clock times are read in (e.g. the organisation's).
    public var timeZone: TimeZone
    /// The queue the message goes to.
    public var queue: String
    /// The message for the firing at the given (scheduled, not actual) time.
    public var message: @Sendable (Date) -> OutgoingMessage

    /// Creates a job.
    public init(
        name: String,
        schedule: CronSchedule,
        timeZone: TimeZone,
        queue: String,
        message: @escaping @Sendable (Date) -> OutgoingMessage
    ) {
        self.name = name
        self.schedule = schedule
        self.timeZone = timeZone
        self.queue = queue
        self.message = message
    }
}
