import Foundation
import Synchronization

/// Where `JSONLogHandler` writes its lines.
///
/// Production writes to standard error; tests pass a closure that captures the lines,
/// so they can check the output without bootstrapping the process-wide logging system.
public struct LogOutput: Sendable {
    /// Receives one complete log line, without the trailing newline.
    let write: @Sendable (String) -> Void

    /// Creates an output that hands every line, without its newline, to `write`.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error, the stream container runtimes collect.
    ///
    /// Each line goes out in one write under a process-wide lock so lines logged concurrently
    /// from different tasks never interleave, however long they are.
    public static let standardError = LogOutput { line in
        standardErrorLock.withLock { _ in
            try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
        }
    }

    private static let standardErrorLock = Mutex(())
}
