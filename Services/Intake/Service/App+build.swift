import Configuration
import Hummingbird
import ServiceRuntime

/// Builds `accord-intake`: the shared service runtime plus this service's schema and routes.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    try await buildAccordService(.intake, reader: reader, migrations: [try IntakeSchema.migrations()])
}
