import ArgumentParser

/// `accord`: the administrator's command line (started by `Program`).
struct Accord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Administer an Accord installation.",
        discussion: "Database settings come from DATABASE_URL or the standard libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, …).",
        subcommands: [Migrate.self, BusCommand.self, IntakeCommand.self, SchedulingCommand.self, MonitoringCommand.self, TokensCommand.self]
    )
}
