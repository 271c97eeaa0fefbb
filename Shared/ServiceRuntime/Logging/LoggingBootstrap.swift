import Logging

/// Installs the process-wide swift-log handler.
public enum LoggingBootstrap {
    /// Makes every `Logger` in the process write `format` lines to standard error at `level` and above.
    ///
    /// `LoggingSystem.bootstrap` traps when called twice, so only the first call in a process
    /// has an effect; later calls are ignored. `runService` calls it; tests never need to,
    /// they create a `JSONLogHandler` with their own `LogOutput` instead.
    public static func bootstrap(format: LogFormat, level: Logger.Level) {
        guard once.claim() else {
            return
        }
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .text: StreamLogHandler.standardError(label: label)
                case .json: JSONLogHandler(label: label)
                }
            handler.logLevel = level
            return handler
        }
    }

    private static let once = OnceFlag()
}
