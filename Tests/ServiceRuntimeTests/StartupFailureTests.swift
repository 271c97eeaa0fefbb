import Foundation
import Testing
import TestSupport

/// A service that cannot start says so in one line, with the setting to check, and exits with
/// the documented code, in either log format; before, it died with SIGILL and a backtrace.
@Suite("A service that cannot start says why in one line and exits with a documented code", .freshDatabase)
struct StartupFailureTests {
    private var service: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("accord-intake")
    }

    /// Runs accord-intake with the test database's settings changed by `changes` (`nil` removes a
    /// variable); returns its exit status, whether a signal ended it, and what it wrote.
    private func run(_ changes: [String: String?]) async throws -> (status: Int32, signalled: Bool, output: String) {
        try #require(FileManager.default.isExecutableFile(atPath: service.path), "build accord-intake first")
        var environment = ProcessInfo.processInfo.environment.merging(try TestDatabase.required().environment) { $1 }
        environment["HTTP_PORT"] = "0"
        environment["HTTP_HOST"] = "127.0.0.1"
        for (name, value) in changes { environment[name] = value }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("accord-startup-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = service
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        let ended = try await eventually(within: .seconds(60)) { !process.isRunning }
        if !ended { await process.stop(grace: .seconds(5)) }
        #expect(ended, "it must end by itself, not serve or hang")
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// The lines that say why, and a check that nothing else looks like a crash.
    private func failureLines(_ output: String) -> [Substring] {
        #expect(!output.contains("Fatal error") && !output.contains("backtrace") && !output.contains("Stack dump"), "\(output.suffix(1_000))")
        return output.split(separator: "\n").filter { $0.contains("cannot start") }
    }

    @Test("a password the database refuses: exit 78, the variables to check, never the password")
    func refusedLogin() async throws {
        let password = "wrong-\(UUID().uuidString.prefix(8))"
        let (status, signalled, output) = try await run(["PGPASSWORD": password, "DATABASE_URL": nil])
        #expect(!signalled && status == 78)
        let lines = failureLines(output)
        #expect(lines.count == 1 && lines[0].contains("refused the login") && lines[0].contains("PGPASSWORD"))
        #expect(!output.contains(password))
    }

    @Test("a database that does not exist: exit 78 naming PGDATABASE, as one JSON line with LOG_FORMAT=json")
    func missingDatabase() async throws {
        let (status, signalled, output) = try await run(["PGDATABASE": "accord_missing_\(UInt32.random(in: 0...UInt32.max))", "DATABASE_URL": nil, "LOG_FORMAT": "json"])
        #expect(!signalled && status == 78)
        let lines = failureLines(output)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "critical" && object["exit_code"] as? String == "78")
        #expect((object["message"] as? String)?.contains("PGDATABASE") == true)
    }

    @Test("a secret file that is missing: exit 78 naming the variable")
    func missingSecretFile() async throws {
        let (status, signalled, output) = try await run(["PGPASSWORD": nil, "PGPASSWORD_FILE": "/nonexistent/accord-secret", "DATABASE_URL": nil])
        #expect(!signalled && status == 78)
        let lines = failureLines(output)
        #expect(lines.count == 1 && lines[0].contains("PGPASSWORD_FILE"))
    }

    @Test("a database that never answers is waited for up to DATABASE_STARTUP_TIMEOUT_SECONDS, then exit 69")
    func unreachable() async throws {
        let (status, signalled, output) = try await run([
            "PGHOST": "127.0.0.1", "PGPORT": "1", "DATABASE_URL": nil, "DATABASE_STARTUP_TIMEOUT_SECONDS": "3",
        ])
        #expect(!signalled && status == 69)
        #expect(output.contains("database not reachable yet; waiting"), "transient failures are retried first")
        let lines = failureLines(output)
        #expect(lines.count == 1 && lines[0].contains("PGHOST"))
    }
}
