import NotificationsService
import ServiceRuntime

/// `accord-notifications`: runs until SIGTERM or SIGINT.
@main
struct App {
    static func main() async throws {
        await runService(.notifications, build: buildApplication(reader:))
    }
}
