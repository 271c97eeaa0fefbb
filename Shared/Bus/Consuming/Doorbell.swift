import Synchronization

/// Wakes one idle worker loop at a time, so a wake-up never stampedes every loop at once. The
/// bus's queue workers and notifications' dispatcher wait on one.
///
/// A wait ends at a ring, at its timeout (the polling backstop), when the waiting task is
/// cancelled, or once the doorbell is opened for good (graceful shutdown: every idle loop
/// returns at once to see that it should stop, rather than after its poll interval).
public final class Doorbell: Sendable {
    private struct State: ~Copyable {
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waits that have begun but not yet parked their continuation.
        var arriving: Set<UInt64> = []
        /// Of those, the ones whose timeout or cancellation came first: they do not park.
        var endedEarly: Set<UInt64> = []
        var nextID: UInt64 = 0
        /// A ring nobody was waiting for, kept for the next loop that waits (at most one).
        var pendingRing = false
        /// Opened for good: no wait parks any more.
        var isOpen = false
    }

    private let state = Mutex(State())

    /// A doorbell nobody has rung.
    public init() {}

    /// Wakes the longest-waiting loop, or the next loop to wait.
    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let first = state.waiters.keys.min() else {
                state.pendingRing = true
                return nil
            }
            return state.waiters.removeValue(forKey: first)
        }
        waiter?.resume()
    }

    /// Wakes every waiting loop, and every later wait returns at once.
    public func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits for a ring, or at most `timeout` (the polling backstop), or until the task is
    /// cancelled or the doorbell opened.
    public func wait(upTo timeout: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            state.arriving.insert(state.nextID)
            return state.nextID
        }
        // The timer may fire before the continuation is parked (a loaded machine, a zero
        // timeout): `end` then marks the wait so that it does not park at all.
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.end(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    state.arriving.remove(id)
                    if state.endedEarly.remove(id) != nil || state.isOpen { return true }
                    if state.pendingRing {
                        state.pendingRing = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            end(id)
        }
        timer.cancel()
    }

    /// Ends wait `id` (its timeout, or its task's cancellation), parked or not yet.
    private func end(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
            if state.arriving.contains(id) { state.endedEarly.insert(id) }
            return nil
        }
        waiter?.resume()
    }
}
