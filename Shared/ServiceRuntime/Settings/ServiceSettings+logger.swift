import Logging

extension ServiceSettings {
    /// A logger labelled with the executable's name at the configured level.
    ///
    /// The level is set on the logger as well as in `LoggingBootstrap` so it also holds in tests,
    /// where the logging system is never bootstrapped.
    public func makeLogger() -> Logger {
        var logger = Logger(label: service.executableName)
        logger.logLevel = logLevel
        return logger
    }
}
