import Foundation

extension Process {
    /// Waits until the process has exited, polling: `waitUntilExit()` would block a thread of
    /// Swift's cooperative pool, and on a two-core machine two such waits stall every test.
    public func exit(within limit: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while isRunning, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(20)) } catch { break }
        }
        return !isRunning
    }

    /// SIGTERM, then SIGKILL if it is still running after `grace`; returns once it has exited.
    public func stop(grace: Duration = .seconds(5)) async {
        guard isRunning else { return }
        terminate()
        if await exit(within: grace) { return }
        kill(processIdentifier, SIGKILL)
        _ = await exit(within: .seconds(5))
    }
}
