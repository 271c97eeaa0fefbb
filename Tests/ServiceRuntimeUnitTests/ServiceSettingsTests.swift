import Configuration
import ServiceRuntime
import Testing

@Suite("Service settings")
struct ServiceSettingsTests {
    private func settings(_ environment: [String: String], service: ServiceIdentity = .intake) async throws -> ServiceSettings {
        try await ServiceSettings(service: service, reader: ConfigReader(service: service, environment: environment))
    }

    @Test("defaults when nothing is set")
    func defaults() async throws {
        let settings = try await settings([:])
        #expect(settings.service == .intake)
        #expect(settings.httpHost == "0.0.0.0")
        #expect(settings.httpPort == 8081)
        #expect(settings.logFormat == .text)
        #expect(settings.logLevel == .info)
        #expect(settings.migrateOnStart)
        #expect(settings.shutdownGracePeriod == .seconds(8))
    }

    @Test("reads every setting from its environment variable")
    func environment() async throws {
        let settings = try await settings([
            "HTTP_HOST": "127.0.0.1",
            "HTTP_PORT": "9000",
            "LOG_FORMAT": "JSON",
            "LOG_LEVEL": "Debug",
            "MIGRATE_ON_START": "no",
            "SHUTDOWN_GRACE_PERIOD_SECONDS": "2.5",
        ])
        #expect(settings.httpHost == "127.0.0.1")
        #expect(settings.httpPort == 9000)
        #expect(settings.logFormat == .json)
        #expect(settings.logLevel == .debug)
        #expect(!settings.migrateOnStart)
        #expect(settings.shutdownGracePeriod == .milliseconds(2500))
    }

    @Test("a service-prefixed variable wins for that service only")
    func serviceOverride() async throws {
        let environment = ["HTTP_PORT": "7000", "INTAKE_HTTP_PORT": "7001", "MONITORING_LOG_LEVEL": "trace"]
        let intake = try await settings(environment, service: .intake)
        let monitoring = try await settings(environment, service: .monitoring)
        #expect(intake.httpPort == 7001)
        #expect(intake.logLevel == .info)
        #expect(monitoring.httpPort == 7000)
        #expect(monitoring.logLevel == .trace)
    }

    @Test("reads typed values from an in-memory provider")
    func inMemory() async throws {
        let reader = ConfigReader(
            provider: InMemoryProvider(values: [
                "http.port": 0,
                "log.level": "error",
                "migrate.onStart": false,
                "shutdown.gracePeriodSeconds": 1.0,
            ])
        )
        let settings = try await ServiceSettings(service: .scheduling, reader: reader)
        #expect(settings.httpPort == 0)
        #expect(settings.logLevel == .error)
        #expect(!settings.migrateOnStart)
        #expect(settings.shutdownGracePeriod == .seconds(1))
    }

    @Test("an invalid value is a clear error naming the variables", arguments: [
        ("HTTP_PORT", "eighty", "http.port", "an integer from 0 to 65535"),
        ("HTTP_PORT", "70000", "http.port", "an integer from 0 to 65535"),
        ("HTTP_HOST", "", "http.host", "a host name or IP address"),
        ("LOG_FORMAT", "xml", "log.format", "one of text, json"),
        ("LOG_LEVEL", "verbose", "log.level", "one of trace, debug, info, notice, warning, error, critical"),
        ("MIGRATE_ON_START", "perhaps", "migrate.onStart", "true or false"),
        ("SHUTDOWN_GRACE_PERIOD_SECONDS", "-1", "shutdown.gracePeriodSeconds", "a number of seconds, 0 or more"),
    ])
    func invalid(variable: String, value: String, key: String, expected: String) async throws {
        let error = await #expect(throws: ServiceSettingsError.self) {
            try await settings([variable: value])
        }
        #expect(error?.key == key)
        #expect(error?.environmentVariables == ["INTAKE_" + variable, variable])
        #expect(error?.expected == expected)
        #expect(error?.description == "Invalid configuration INTAKE_\(variable) / \(variable) (key \(key)): expected \(expected).")
    }

    @Test("an invalid service-prefixed value is reported too")
    func invalidOverride() async throws {
        await #expect(throws: ServiceSettingsError.self) {
            try await settings(["HTTP_PORT": "8000", "INTAKE_HTTP_PORT": "x"])
        }
    }
}
