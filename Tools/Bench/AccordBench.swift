import ArgumentParser

/// `accord-bench`: benchmark programs, run in release mode against a local PostgreSQL.
@main
struct AccordBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord-bench",
        abstract: "Measure Accord against reference tools on this machine, in one run.",
        subcommands: [PostgresBenchmark.self, BusBenchmark.self, IntakeBenchmark.self, BusWorkerDrill.self, SchedulingBenchmark.self, NotificationsBenchmark.self, MonitoringSeed.self, MonitoringBenchmark.self]
    )
}
