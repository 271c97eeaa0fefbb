import Configuration
import Hummingbird
import IntakeService
import MonitoringService
import NotificationsService
import PostgresMigrations
import SchedulingService

/// One of the four executables, built as its `App.swift` builds it.
enum AccordServiceUnderTest: String, CaseIterable, Sendable, CustomStringConvertible {
    case intake, scheduling, monitoring, notifications

    var description: String { "accord-\(rawValue)" }

    /// The service's own `buildApplication(reader:)`.
    func build(_ reader: ConfigReader) async throws -> any ApplicationProtocol {
        switch self {
        case .intake: try await IntakeService.buildApplication(reader: reader)
        case .scheduling: try await SchedulingService.buildApplication(reader: reader)
        case .monitoring: try await MonitoringService.buildApplication(reader: reader)
        case .notifications: try await NotificationsService.buildApplication(reader: reader)
        }
    }

    /// The schema the service owns.
    var schema: String { rawValue }

    /// The service's migrations.
    func migrations() throws -> MigrationSet {
        switch self {
        case .intake: try IntakeSchema.migrations()
        case .scheduling: try SchedulingSchema.migrations()
        case .monitoring: try MonitoringSchema.migrations()
        case .notifications: try NotificationsSchema.migrations()
        }
    }
}
