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
    ///
    /// A count rather than `-T`: pgbench ends a timed run with SIGALRM, which a child started by
    /// Foundation's `Process` inherits blocked, so a timed run never ends.
    func run(script: String, clients: Int, transactions: Int) throws -> Double {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = ["-n", "-M", "prepared", "-f", file.path, "-c", "\(clients)", "-j", "\(clients)", "-t", "\(transactions)"]
        // pgbench reads PG* variables itself; a DATABASE_URL goes in as its connection string.
        if let url = environment["DATABASE_URL"], !url.isEmpty { arguments.append(url) }
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let value = Double(line.dropFirst(6).prefix { $0 != " " })
        else {
            throw PgbenchFailure(status: process.terminationStatus)
        }
        return value
    }
}

/// pgbench exited with an error or printed no rate.
struct PgbenchFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "pgbench failed (exit status \(status))" }
}
