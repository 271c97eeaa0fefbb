extension PostgresConnection {
    /// Set while statements may wait for the server as long as it takes (see ``withoutAnswerDeadline(_:)``).
    @TaskLocal static var deadlineLifted = false

    /// Runs `body` with no answer deadline on the statements it runs, whatever their connection's
    /// pool says: for work that may rightly take long, such as migrations building an index or
    /// waiting for another replica's migration lock. Lift the server's own limit too, inside the
    /// transaction (`SET LOCAL statement_timeout = 0`).
    public static func withoutAnswerDeadline<T>(_ body: () async throws -> T) async rethrows -> T {
        try await $deadlineLifted.withValue(true) { try await body() }
    }
}
