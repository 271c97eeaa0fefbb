import Configuration
import Foundation
import Hummingbird
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
/// Invalid settings end the process with exit code 78 (`EX_CONFIG`) and a one-line message on
/// standard error, rather than a crash report, since the operator only has to fix a variable.
@MainActor
public func runService<App: ApplicationProtocol>(
    _ service: ServiceIdentity,
    build: (ConfigReader) async throws -> App
) async throws {
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
        LogOutput.standardError.write("\(service.executableName): \(error)")
        exit(78)
    }
    LoggingBootstrap.bootstrap(format: settings.logFormat, level: settings.logLevel)
    MetricsBootstrap.bootstrap()
    let application: App
    do {
        application = try await build(reader)
    } catch {
        // A service's own setting out of range: one line naming it and the configuration exit
        // code, as for the shared settings above, not a crash report.
        LogOutput.standardError.write("\(service.executableName): \(error)")
        exit(78)
    }
    settings.makeLogger().info(
        "starting",
        metadata: ["http.host": "\(settings.httpHost)", "http.port": "\(settings.httpPort)"]
    )
    try await makeServiceGroup(running: application, settings: settings).run()
    // Reached only after a graceful shutdown: operators see that nothing was cut short.
    settings.makeLogger().info("stopped")
}
