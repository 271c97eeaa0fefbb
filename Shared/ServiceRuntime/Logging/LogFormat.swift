/// How log lines are written to standard error (`LOG_FORMAT`).
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's human-readable stream format, for a developer's terminal.
    case text
    /// One JSON object per line (`JSONLogHandler`), for log shippers in production.
    case json
}
