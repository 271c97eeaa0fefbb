import Configuration
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// Runs one Accord service until SIGTERM or SIGINT; the whole body of each executable's `main`.
///
/// Reads the configuration from the process environment (`ConfigReader(service:)`, with
/// `NAME_FILE` secrets read in by ``SecretFileEnvironment``), bootstraps
/// logging and metrics for the process, builds the application with `build` (the service's
/// template-style `buildApplication(reader:)`, which tests call with in-memory configuration)
/// and runs it in `makeServiceGroup`.
///
/// It never returns by throwing: a service that cannot start (an invalid setting, a missing
/// secret file, a database that refuses the login, does not exist, or does not answer within
/// `DATABASE_STARTUP_TIMEOUT_SECONDS`) logs one line saying what failed and what to check, in
/// the configured log format, and exits with ``StartupFailure``'s code (78 configuration, 69
/// database unavailable, 70 anything else), rather than a crash report and a backtrace.
@MainActor
public func runService<App: ApplicationProtocol>(
    _ service: ServiceIdentity,
    build: (ConfigReader) async throws -> App
) async {
    // Tasks run on the event loops that do the HTTP I/O instead of a separate pool: a request no
    // longer hops from its event loop to a Swift Concurrency thread and back. Must happen on the
    // main thread before any task runs, hence here, first, on the main actor.
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    let reader: ConfigReader
    let settings: ServiceSettings
    do {
        reader = ConfigReader(service: service, environment: try SecretFileEnvironment.resolved())
        settings = try await ServiceSettings(service: service, reader: reader)
    } catch {
        // The log format is itself a setting; take it if it is readable, so a JSON log shipper
        // still gets this line as JSON.
        let environment = ProcessInfo.processInfo.environment
        let format = [service.name.uppercased() + "_LOG_FORMAT", "LOG_FORMAT"].lazy
            .compactMap { environment[$0].flatMap { LogFormat(rawValue: $0.lowercased()) } }.first
        stop(service, StartupFailure(error), format: format ?? .text)
    }
    LoggingBootstrap.bootstrap(format: settings.logFormat, level: settings.logLevel)
    MetricsBootstrap.bootstrap()
    do {
        let application = try await build(reader)
        settings.makeLogger().info(
            "starting",
            metadata: ["http.host": "\(settings.httpHost)", "http.port": "\(settings.httpPort)"]
        )
        try await makeServiceGroup(running: application, settings: settings).run()
    } catch {
        stop(service, StartupFailure(error), format: settings.logFormat)
    }
    // Reached only after a graceful shutdown: operators see that nothing was cut short.
    settings.makeLogger().info("stopped")
}

/// Logs `failure` as one critical line and ends the process with its exit code.
@MainActor
private func stop(_ service: ServiceIdentity, _ failure: StartupFailure, format: LogFormat) -> Never {
    LoggingBootstrap.bootstrap(format: format, level: .info)
    Logger(label: service.executableName).critical(
        "cannot start: \(failure.description)", metadata: ["exit_code": "\(failure.exitCode)"])
    exit(failure.exitCode)
}
