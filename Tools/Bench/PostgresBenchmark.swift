import ArgumentParser
import Foundation
import Postgres

/// `accord-bench postgres`: the client's single-row INSERT and point-SELECT rates at 1 and 8
/// connections, next to pgbench running the same statements (`-M prepared`) on the same server
/// in the same run, and the ratios.
struct PostgresBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "Compare the libpq client with pgbench on single-row INSERT and point SELECT."
    )

    @Option(help: "Seconds each measurement runs.")
    var seconds = 5.0

    @Option(help: "Connection counts to measure at.")
    var connections: [Int] = [1, 8]

    @Option(help: "Rows in the table the SELECTs read.")
    var rows = 100_000

    @Option(help: "The pgbench executable (default: found on PATH or under /usr/lib/postgresql).")
    var pgbench: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = PostgresConfiguration.fromEnvironment(environment, applicationName: "accord-bench")
        let pgbench = try pgbench ?? Pgbench.locate()
        try await BenchTables.prepare(configuration: configuration, rows: rows)
        var results: [String: Double] = [:]
        for workload in BenchWorkload.allCases {
            for clients in connections {
                let ours = try await workload.measureClient(configuration: configuration, connections: clients, seconds: seconds, rows: rows)
                // pgbench runs about as long as the client did: the client's rate sets its count.
                let reference = try await Pgbench(executable: pgbench, environment: environment).run(
                    script: workload.pgbenchScript(rows: rows),
                    clients: clients,
                    transactions: max(1000, Int(ours * seconds) / clients)
                )
                results["\(workload.rawValue)_client_per_s_\(clients)"] = ours
                results["\(workload.rawValue)_pgbench_per_s_\(clients)"] = reference
                results["\(workload.rawValue)_ratio_\(clients)"] = ours / reference
                if !json {
                    print(String(
                        format: "%@ %d conn: client %.0f/s, pgbench %.0f/s, ratio %.2f",
                        workload.rawValue, clients, ours, reference, ours / reference
                    ))
                }
            }
        }
        try await BenchTables.drop(configuration: configuration)
        if json {
            let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

/// The two statements measured.
enum BenchWorkload: String, CaseIterable {
    case insert
    case select

    /// The same statement as a pgbench script.
    func pgbenchScript(rows: Int) -> String {
        switch self {
        case .insert:
            "\\set k random(1, \(rows))\nINSERT INTO accord_bench_insert (k, v) VALUES (:k, 'value');\n"
        case .select:
            "\\set k random(1, \(rows))\nSELECT v FROM accord_bench_select WHERE k = :k;\n"
        }
    }

    /// Runs the statement from `connections` tasks, each on its own pooled connection, for
    /// `seconds`, with prepared statements as pgbench's `-M prepared`; returns statements per second.
    func measureClient(configuration: PostgresConfiguration, connections: Int, seconds: Double, rows: Int) async throws -> Double {
        let pool = PostgresPool(configuration: configuration, maxConnections: connections)
        // Open every connection before the clock starts, as pgbench does.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask { try await pool.withConnection { _ in try await Task.sleep(for: .milliseconds(50)) } }
            }
            try await group.waitForAll()
        }
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    try await pool.withConnection { connection in
                        var count = 0
                        while ContinuousClock.now < deadline {
                            let key = Int.random(in: 1...rows)
                            switch self {
                            case .insert:
                                try await connection.query(PostgresQuery(sql: "INSERT INTO accord_bench_insert (k, v) VALUES ($1, 'value')", binds: [key], prepared: true))
                            case .select:
                                _ = try await connection.query(PostgresQuery(sql: "SELECT v FROM accord_bench_select WHERE k = $1", binds: [key], prepared: true))
                                    .single?.decode(String.self, at: 0)
                            }
                            count += 1
                        }
                        return count
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        await pool.close()
        return Double(total) / elapsed.totalSeconds
    }
}

/// The tables both the client and pgbench use.
enum BenchTables {
    static func prepare(configuration: PostgresConfiguration, rows: Int) async throws {
        let connection = try await PostgresConnection.connect(configuration: configuration)
        try await connection.execute(script: """
            DROP TABLE IF EXISTS accord_bench_insert, accord_bench_select;
            CREATE UNLOGGED TABLE accord_bench_insert (k bigint NOT NULL, v text NOT NULL);
            CREATE TABLE accord_bench_select (k bigint PRIMARY KEY, v text NOT NULL);
            """)
        try await connection.query("INSERT INTO accord_bench_select SELECT g, 'value ' || g FROM generate_series(1, \(rows)) AS g")
        try await connection.execute(script: "VACUUM ANALYZE accord_bench_select")
        await connection.close()
    }

    static func drop(configuration: PostgresConfiguration) async throws {
        let connection = try await PostgresConnection.connect(configuration: configuration)
        try await connection.execute(script: "DROP TABLE IF EXISTS accord_bench_insert, accord_bench_select")
        await connection.close()
    }
}
