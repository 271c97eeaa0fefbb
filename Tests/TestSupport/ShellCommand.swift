import Foundation

/// Runs `command` with `/bin/sh -c` and returns its exit status (128 + the signal if a signal
/// ended it).
///
/// Waits by polling `waitpid`: Foundation's own exit monitoring sometimes misses the exit of a
/// child that started a daemon (pg_ctl starting PostgreSQL), and `waitUntilExit()` would block a
/// cooperative thread forever.
public func runShell(_ command: String) async throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try process.run()
    var status: Int32 = 0
    while true {
        let reaped = waitpid(process.processIdentifier, &status, WNOHANG)
        if reaped == process.processIdentifier {
            let signal = status & 0x7F
            return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        }
        // Already reaped by Foundation's monitor: it recorded the status.
        if reaped < 0 { return process.terminationStatus }
        try await Task.sleep(for: .milliseconds(50))
    }
}
