import ArgumentParser
import Foundation

/// Runs PostgreSQL's own pgbench as the reference, against the same server as the client.
struct Pgbench {
    let executable: String
    let environment: [String: String]

    /// Finds pgbench on PATH or in Debian's versioned PostgreSQL directories.
    static func locate() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var candidates = path.split(separator: ":").map { "\($0)/pgbench" }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin/pgbench" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ValidationError("pgbench not found; install postgresql-client or pass --pgbench")
        }
        return found
    }

    /// Runs `script` with `-M prepared` from `clients` connections, `transactions` times on each;
    /// returns transactions per second.
    func run(script: String, clients: Int, transactions: Int) async throws -> Double {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("script.sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let report = try await run(
            ["-n", "-M", "prepared", "-f", file.path, "-c", "\(clients)", "-j", "\(clients)", "-t", "\(transactions)"],
            connection: environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            output: directory.appendingPathComponent("pgbench.out"), timeout: .seconds(600))
        return report.tps
    }

    /// Runs pgbench with `arguments`, then `connection` (a connection string; pgbench reads the
    /// PG* variables of `environment` itself), its output going to `output`. Started as a
    /// `BenchChild`, so a timed run (`-T`) ends on its SIGALRM and no cooperative thread waits on it.
    func run(_ arguments: [String], connection: String?, output: URL, timeout: Duration) async throws -> PgbenchReport {
        let child = try BenchChild.start(executable, arguments + (connection.map { [$0] } ?? []), environment: environment, output: output)
        guard let ending = try await child.wait(timeout: timeout) else {
            await child.stop()
            throw BenchChildFailure(description: "pgbench did not finish:\n\(child.outputTail())")
        }
        let text = child.outputText()
        guard ending == .exited(0), let report = PgbenchReport(text) else {
            throw BenchChildFailure(description: "pgbench failed (\(ending)):\n\(child.outputTail())")
        }
        return report
    }
}

/// What pgbench printed at the end of a run.
struct PgbenchReport {
    /// Transactions per second.
    let tps: Double
    let text: String

    /// The report, or `nil` when it holds no rate.
    init?(_ text: String) {
        self.text = text
        guard let tps = Self.figure("tps = ", in: text) else { return nil }
        self.tps = tps
    }

    /// The number after `prefix` on the line that starts with it.
    func figure(_ prefix: String) -> Double? {
        Self.figure(prefix, in: text)
    }

    private static func figure(_ prefix: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count).prefix { $0 != " " }) }
    }
}
