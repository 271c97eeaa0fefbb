import Postgres

/// Polls `condition` until it holds or `timeout` passes; whether it came to hold. The default
/// is for a condition that, when broken, never holds: generous, because a shared machine stalls
/// for seconds, and free, because a condition that holds returns at once.
public func eventually(within timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}

extension PostgresPool {
    /// The single integer a query returns (a `count(*)`, say); 0 for no row.
    public func count(_ query: PostgresQuery) async throws -> Int {
        try await self.query(query).single?.decode(Int.self, at: 0) ?? 0
    }
}
