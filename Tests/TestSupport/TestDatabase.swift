import Foundation
import Postgres
import Testing

/// A database of its own for one test, created on the server `scripts/test` started and
/// dropped afterwards, so tests run in parallel without seeing each other's rows.
///
/// Connection settings come from the environment like any service's (`DATABASE_URL` or the
/// standard `PG*` variables); the test only changes the database name.
public struct TestDatabase: Sendable {
    /// Settings that reach this test's database.
    public let configuration: PostgresConfiguration
    /// The database's name.
    public let name: String

    /// The database of the test running now (set by the ``FreshDatabaseTrait``).
    @TaskLocal public static var current: TestDatabase?

    /// Settings for the server's maintenance connection, from the environment.
    public static var serverConfiguration: PostgresConfiguration {
        PostgresConfiguration.fromEnvironment(ProcessInfo.processInfo.environment, applicationName: "accord-tests")
    }

    /// Creates an empty database with a unique name.
    public static func create() async throws -> TestDatabase {
        let name = "accord_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try await PostgresConnection.connect(configuration: serverConfiguration)
        defer { Task { await admin.close() } }
        try await admin.query("CREATE DATABASE \(identifier: name)")
        return TestDatabase(configuration: serverConfiguration.database(name), name: name)
    }

    /// Drops the database, ending any connection a test left open.
    public func drop() async throws {
        let admin = try await PostgresConnection.connect(configuration: Self.serverConfiguration)
        try await admin.query("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        await admin.close()
    }

    /// Environment variables that point a service at this database, as `ConfigReader(service:environment:)` takes them.
    public var environment: [String: String] {
        var variables = ProcessInfo.processInfo.environment.filter { variable, _ in
            variable == "DATABASE_URL" || PostgresConfiguration.environmentKeywords[variable] != nil
        }
        variables["PGDATABASE"] = name
        return variables
    }

    /// A pool on this database.
    public func makePool(maxConnections: Int = 4, acquireTimeout: Duration = .seconds(10), statementTimeout: Duration? = nil) -> PostgresPool {
        PostgresPool(configuration: configuration, maxConnections: maxConnections, acquireTimeout: acquireTimeout, statementTimeout: statementTimeout)
    }
}

/// Gives every test it applies to (directly or through its suite) a fresh database in
/// ``TestDatabase/current``.
public struct FreshDatabaseTrait: TestTrait, SuiteTrait, TestScoping {
    /// Applies to each test of a suite, not once for the whole suite.
    public var isRecursive: Bool { true }

    /// Creates the database around one test and drops it after.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil || !test.isSuite else {
            try await function()
            return
        }
        let database = try await TestDatabase.create()
        do {
            try await TestDatabase.$current.withValue(database) { try await function() }
        } catch {
            try? await database.drop()
            throw error
        }
        try await database.drop()
    }
}

extension Trait where Self == FreshDatabaseTrait {
    /// A fresh, empty database for each test.
    public static var freshDatabase: FreshDatabaseTrait { FreshDatabaseTrait() }
}

extension TestDatabase {
    /// The current test's database; fails the test clearly if the trait is missing.
    public static func required() throws -> TestDatabase {
        try #require(current, "apply the .freshDatabase trait to this test or its suite")
    }
}
