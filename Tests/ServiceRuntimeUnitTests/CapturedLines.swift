import Logging
import ServiceRuntime
import Synchronization

/// Collects the lines a `JSONLogHandler` writes, so tests read them without touching standard error.
final class CapturedLines: Sendable {
    private let lines = Mutex<[String]>([])

    /// Everything written so far, in order.
    var all: [String] { lines.withLock { $0 } }

    /// A logger whose JSON handler writes here, at `level`.
    func logger(level: Logger.Level = .info) -> Logger {
        let output = LogOutput { line in self.lines.withLock { $0.append(line) } }
        return Logger(label: "accord-test") { label in
            JSONLogHandler(label: label, logLevel: level, output: output)
        }
    }
}
