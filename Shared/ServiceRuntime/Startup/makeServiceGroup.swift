import Hummingbird
import Logging
import ServiceLifecycle

/// Wraps `application` in a service group that shuts down gracefully on SIGTERM (`docker stop`)
/// and SIGINT (Ctrl-C), and cancels whatever is still running once `settings.shutdownGracePeriod`
/// has passed, so a stuck request or worker cannot keep the process alive forever.
public func makeServiceGroup(running application: some ApplicationProtocol, settings: ServiceSettings) -> ServiceGroup {
    var configuration = ServiceGroupConfiguration(
        services: [application],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: settings.makeLogger()
    )
    configuration.maximumGracefulShutdownDuration = settings.shutdownGracePeriod
    return ServiceGroup(configuration: configuration)
}
