import Synchronization

extension PostgresPool {
    /// What a waiter receives: a connection someone returned, or a slot to open one in.
    enum Grant: Sendable {
        case connection(PostgresConnection)
        case slot
    }

    struct Waiter: Sendable {
        let continuation: CheckedContinuation<Grant, any Error>
    }

    struct State: ~Copyable {
        /// Idle connections; the most recently used is last and handed out first (warm caches).
        var idle: [PostgresConnection] = []
        /// Open connections plus slots granted for opening.
        var total = 0
        /// Callers waiting for a connection, in arrival order (keys increase).
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiter: UInt64 = 0
        var isClosed = false
    }

    private enum Decision {
        case use(PostgresConnection)
        case open
        case wait(UInt64)
        case closed
    }

    /// Takes a connection: an idle healthy one, a new one if below the limit, or the next one
    /// released, waiting at most `acquireTimeout`.
    func acquire() async throws -> PostgresConnection {
        while true {
            let waiterID: UInt64
            let decision = state.withLock { state -> Decision in
                if state.isClosed { return .closed }
                if let connection = state.idle.popLast() { return .use(connection) }
                if state.total < maxConnections {
                    state.total += 1
                    return .open
                }
                state.nextWaiter += 1
                return .wait(state.nextWaiter)
            }
            switch decision {
            case .closed:
                throw PostgresError(.poolClosed, reason: "the pool was closed")
            case .use(let connection):
                if connection.isUsableAfterIdle() { return connection }
                logger.info("dropping a pooled connection the server closed", metadata: ["db.backend_pid": "\(connection.backendPID)"])
                await discard(connection)
                continue
            case .open:
                return try await open()
            case .wait(let id):
                waiterID = id
            }
            switch try await wait(id: waiterID) {
            case .connection(let connection):
                if connection.isUsableAfterIdle() { return connection }
                await discard(connection)
            case .slot:
                return try await open()
            }
        }
    }

    /// Gives a connection back: to the longest waiter, to the idle list, or closed if broken.
    func release(_ connection: PostgresConnection) {
        if connection.isBroken || !connection.isOutsideTransaction {
            Task { await discard(connection) }
            return
        }
        enum Outcome {
            case handOver(Waiter)
            case keptIdle
            case closeIt
        }
        let outcome = state.withLock { state -> Outcome in
            if let first = state.waiters.keys.min(), let waiter = state.waiters.removeValue(forKey: first) {
                return .handOver(waiter)
            }
            if state.isClosed {
                state.total -= 1
                return .closeIt
            }
            state.idle.append(connection)
            return .keptIdle
        }
        switch outcome {
        case .handOver(let waiter): waiter.continuation.resume(returning: .connection(connection))
        case .keptIdle: break
        case .closeIt: Task { await connection.close() }
        }
    }

    /// Opens a connection in a slot already counted in `total`, giving the slot back on failure.
    private func open() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(
                configuration: connectionConfiguration,
                // The server's own timeout answers first while it is alive; the client's deadline
                // only ends a wait for a server that answers nothing at all.
                answerDeadline: statementTimeout.map { $0 + .seconds(1) },
                logger: logger)
        } catch {
            freeSlot()
            throw error
        }
    }

    /// Closes a connection that must not be reused and lets a waiter open a replacement.
    private func discard(_ connection: PostgresConnection) async {
        await connection.close()
        freeSlot()
    }

    /// Hands a freed slot to the longest waiter, or lowers the count.
    private func freeSlot() {
        let waiter = state.withLock { state -> Waiter? in
            if !state.isClosed, let first = state.waiters.keys.min() {
                return state.waiters.removeValue(forKey: first)
            }
            state.total -= 1
            return nil
        }
        waiter?.continuation.resume(returning: .slot)
    }

    private func wait(id: UInt64) async throws -> Grant {
        let timeout = acquireTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                // Between deciding to wait and getting here a connection may have come back, a
                // slot freed, the pool closed or the task been cancelled: look again before sleeping.
                let immediate = state.withLock { state -> Result<Grant, any Error>? in
                    if state.isClosed { return .failure(PostgresError(.poolClosed, reason: "the pool was closed")) }
                    if let connection = state.idle.popLast() { return .success(.connection(connection)) }
                    if state.total < maxConnections {
                        state.total += 1
                        return .success(.slot)
                    }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[id] = Waiter(continuation: continuation)
                    return nil
                }
                if let immediate {
                    continuation.resume(with: immediate)
                    return
                }
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.abandon(id: id, with: PostgresError(
                        .poolTimeout,
                        reason: "no connection became free within \(timeout) (pool size \(self?.maxConnections ?? 0))"
                    ))
                }
            }
        } onCancel: {
            abandon(id: id, with: CancellationError())
        }
    }

    /// Removes a waiter that timed out or was cancelled, if it is still waiting.
    private func abandon(id: UInt64, with error: any Error) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.continuation.resume(throwing: error)
    }
}
