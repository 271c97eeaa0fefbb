import IntakeService
import ServiceRuntime

/// `accord-intake`: runs until SIGTERM or SIGINT.
@main
struct App {
    static func main() async throws {
        await runService(.intake, build: buildApplication(reader:))
    }
}
