import MonitoringService
import ServiceRuntime

/// `accord-monitoring`: runs until SIGTERM or SIGINT.
@main
struct App {
    static func main() async throws {
        await runService(.monitoring, build: buildApplication(reader:))
    }
}
