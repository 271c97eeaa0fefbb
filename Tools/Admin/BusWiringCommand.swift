import ArgumentParser
import Bus
import IntakeService
import MonitoringService
import NotificationsService
import SchedulingService

extension BusWiring {
    /// Every service's wiring, in the order a referral travels.
    static let all: [BusWiring] = [.intake, .scheduling, .monitoring, .notifications]
}

/// `accord bus wiring`: the contract table of `docs/bus.md`, from the services' declarations.
struct BusWiringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wiring",
        abstract: "Print which service publishes each contract and which queues take it (docs/bus.md's table).",
        discussion: "Made from each service's BusWiring declaration, the same that subscribes its queues at start-up."
    )

    func run() {
        print(BusWiring.contractTable(BusWiring.all), terminator: "")
    }
}
