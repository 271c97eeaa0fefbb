import SchedulingService
import ServiceRuntime

/// `accord-scheduling`: runs until SIGTERM or SIGINT.
@main
struct App {
    static func main() async throws {
        await runService(.scheduling, build: buildApplication(reader:))
    }
}
