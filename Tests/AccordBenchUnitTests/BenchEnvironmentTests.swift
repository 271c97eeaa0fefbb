import Foundation
import Testing
@testable import AccordBench
@testable import Postgres

/// The children a benchmark starts reach the server it was pointed at, however the connection
/// was given (issue 17, item 20: `monitoring` dropped `DATABASE_URL`, so its replicas connected
/// as the OS user through the default socket).
@Suite struct BenchEnvironmentTests {
    @Test func aDatabaseURLAloneReachesTheChildrenAimedAtTheBenchmarksDatabase() {
        let url = "postgresql://bench:secret@db.example:6543/accord"
        let environment = ["DATABASE_URL": url, "PATH": "/usr/bin", "MONITORING_PGDATABASE": "production"]
        let child = BenchEnvironment.child(of: environment, database: "accord_bench_seed", servicePrefixes: ["MONITORING_"])
        #expect(child["DATABASE_URL"] == url)
        #expect(child["PGDATABASE"] == "accord_bench_seed")
        #expect(child["MONITORING_PGDATABASE"] == nil)
        #expect(child["PATH"] == "/usr/bin")
        // What the replica makes of it: the URL's host, user and password, the benchmark's database.
        let parameters = PostgresConfiguration.fromEnvironment(child, applicationName: "accord-monitoring").connectionParameters()
        #expect(parameters.first { $0.0 == "dbname" }?.1 == url)
        #expect(parameters.last { $0.0 == "dbname" }?.1 == "accord_bench_seed")
    }

    @Test func pgVariablesAreKeptAsGiven() {
        let environment = ["PGHOST": "127.0.0.1", "PGPORT": "55460", "PGUSER": "accord", "PGPASSWORD": "accord", "PGDATABASE": "accord"]
        let child = BenchEnvironment.child(of: environment, database: "accord_bench_intake", servicePrefixes: ["INTAKE_"])
        #expect(child == environment.merging(["PGDATABASE": "accord_bench_intake"]) { $1 })
    }

    @Test func pgbenchGetsTheURLWithTheBenchmarksDatabase() {
        #expect(BenchEnvironment.connectionArgument(["DATABASE_URL": "postgres://u:p@h:1/db"], database: "x") == "postgres://u:p@h:1/db?dbname=x")
        #expect(BenchEnvironment.connectionArgument(["DATABASE_URL": "postgres://h/db?sslmode=require"], database: "x")
            == "postgres://h/db?sslmode=require&dbname=x")
        #expect(BenchEnvironment.connectionArgument(["DATABASE_URL": "host=h user=u"], database: "x") == "host=h user=u dbname=x")
        #expect(BenchEnvironment.connectionArgument(["PGHOST": "h"], database: "x") == nil)
    }
}
