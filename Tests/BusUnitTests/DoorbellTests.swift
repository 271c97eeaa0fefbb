import Bus
import Synchronization
import Testing

@Suite("Doorbell")
struct DoorbellTests {
    @Test("a ring before anyone waits is kept for the next wait, once")
    func pendingRing() async {
        let doorbell = Doorbell()
        doorbell.ring()
        doorbell.ring()
        let clock = ContinuousClock()
        // The kept ring ends the first wait at once; the second (no ring left) waits its timeout.
        let first = await clock.measure { await doorbell.wait(upTo: .seconds(600)) }
        #expect(first < .seconds(60))
        let second = await clock.measure { await doorbell.wait(upTo: .milliseconds(200)) }
        #expect(second >= .milliseconds(200))
    }

    @Test("a zero timeout returns, even when the timer fires before the wait has parked")
    func zeroTimeout() async {
        let doorbell = Doorbell()
        // Without the early-end mark these would park with no timer left and never return.
        for _ in 0..<1_000 { await doorbell.wait(upTo: .zero) }
    }

    @Test("cancelling the waiting task ends its wait at once, not at the timeout")
    func cancellation() async {
        let doorbell = Doorbell()
        let clock = ContinuousClock()
        let started = clock.now
        let waiting = Task { await doorbell.wait(upTo: .seconds(600)) }
        try? await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        await waiting.value
        #expect(clock.now - started < .seconds(60))
    }

    @Test("opened, it wakes every waiting loop and no later wait parks (graceful shutdown)")
    func open() async {
        let doorbell = Doorbell()
        let clock = ContinuousClock()
        let started = clock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { await doorbell.wait(upTo: .seconds(600)) } }
            try? await Task.sleep(for: .milliseconds(50))
            doorbell.open()
        }
        await doorbell.wait(upTo: .seconds(600))
        #expect(clock.now - started < .seconds(60))
    }

    @Test("one ring wakes one waiting loop, not all of them")
    func oneAtATime() async {
        let doorbell = Doorbell()
        let woken = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    await doorbell.wait(upTo: .seconds(600))
                    woken.add()
                }
            }
            try? await Task.sleep(for: .milliseconds(200))
            doorbell.ring()
            #expect(await eventually { woken.value == 1 })
            try? await Task.sleep(for: .milliseconds(300))
            #expect(woken.value == 1)
            doorbell.open()
        }
        #expect(woken.value == 3)
    }

    /// Polls `condition` for up to 30 s.
    private func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<600 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}

/// A count several tasks add to.
private final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
