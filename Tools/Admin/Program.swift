import Foundation
import IntakeService
import MonitoringService
import NotificationsService
import SchedulingService
import ServiceRuntime

/// `accord`, and each service when called by the service's name.
///
/// Why: every Accord program links the Swift runtime, Foundation with its ICU data, NIO and
/// BoringSSL statically, some 75–95 MB each even stripped, and `accord` already contains all four
/// services' code. So the image (compose/Dockerfile) ships `accord` alone, with `accord-intake`,
/// `accord-scheduling`, `accord-monitoring` and `accord-notifications` as links to it, busybox
/// style: one program of ~95 MB instead of five of ~420 MB together. Called as a service, it runs
/// exactly what that service's own executable runs (`runService` with the service's
/// `buildApplication`); called by any other name, it is the administrator's command line.
@main
enum Program {
    static func main() async throws {
        let name = URL(fileURLWithPath: CommandLine.arguments.first ?? "accord").lastPathComponent
        switch name {
        case ServiceIdentity.intake.executableName:
            await runService(.intake, build: IntakeService.buildApplication(reader:))
        case ServiceIdentity.scheduling.executableName:
            await runService(.scheduling, build: SchedulingService.buildApplication(reader:))
        case ServiceIdentity.monitoring.executableName:
            await runService(.monitoring, build: MonitoringService.buildApplication(reader:))
        case ServiceIdentity.notifications.executableName:
            await runService(.notifications, build: NotificationsService.buildApplication(reader:))
        default:
            await Accord.main()
        }
    }
}
