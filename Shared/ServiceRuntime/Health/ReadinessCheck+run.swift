extension ReadinessCheck {
    /// Runs the probe, giving up after `timeout`.
    ///
    /// The probe runs in its own task and the first of "probe answered" and "time is up" wins;
    /// the loser is cancelled but not awaited, so a probe stuck in a call that ignores
    /// cancellation cannot hold the readiness request past its timeout.
    func run() async -> ReadinessOutcome {
        let (outcomes, continuation) = AsyncStream.makeStream(of: ReadinessOutcome.self)
        let probeTask = Task { [probe] in
            continuation.yield(await probe() ? .passed : .failed)
        }
        let timerTask = Task { [timeout] in
            try? await Task.sleep(for: timeout)
            continuation.yield(.timedOut)
        }
        defer {
            probeTask.cancel()
            timerTask.cancel()
            continuation.finish()
        }
        // The stream only finishes in `defer`, so there is always a first outcome; `?? .timedOut` satisfies the type.
        return await outcomes.first { _ in true } ?? .timedOut
    }
}

extension [ReadinessCheck] {
    /// Runs all checks concurrently and returns the ones that did not pass, in the order given.
    func failures() async -> [(name: String, outcome: ReadinessOutcome)] {
        let outcomes = await withTaskGroup(of: (Int, ReadinessOutcome).self) { group in
            for (index, check) in enumerated() {
                group.addTask { (index, await check.run()) }
            }
            var outcomes = [ReadinessOutcome](repeating: .passed, count: count)
            for await (index, outcome) in group {
                outcomes[index] = outcome
            }
            return outcomes
        }
        return zip(self, outcomes).filter { $0.1 != .passed }.map { ($0.0.name, $0.1) }
    }
}
