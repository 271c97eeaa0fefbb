import Synchronization

/// Wakes one idle worker loop at a time, so a wake-up never stampedes every loop at once. The
/// bus's queue workers and notifications' dispatcher wait on one.
public final class Doorbell: Sendable {
    private struct State: ~Copyable {
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
        /// A ring nobody was waiting for, kept for the next loop that waits (at most one).
        var pendingRing = false
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

    /// Waits for a ring, or at most `timeout` (the polling backstop).
    public func wait(upTo timeout: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.pendingRing {
                    state.pendingRing = false
                    return true
                }
                state.waiters[id] = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer.cancel()
    }
}
