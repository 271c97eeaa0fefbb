import Foundation

/// What a benchmark hands the programs it starts (service replicas, services run in process,
/// pgbench): the connection settings it was given itself, however they were given — a
/// `DATABASE_URL`, the `PG*` variables, or both — aimed at the benchmark's database.
enum BenchEnvironment {
    /// `environment` for a child working in `database`.
    ///
    /// Everything is kept except variables starting with one of `servicePrefixes` (`INTAKE_`,
    /// `MONITORING_`): a service-prefixed setting wins over the plain one in the service, so a
    /// deployment's `MONITORING_PGDATABASE` or `INTAKE_DATABASE_URL` would send the child
    /// elsewhere than the benchmark, which reads only the plain ones. The database is set with
    /// `PGDATABASE`, which the services apply over a `DATABASE_URL`'s own database; a
    /// `DATABASE_URL` is never removed, since it may be the only place the host, user and password
    /// are (libpq tools need ``connectionArgument(_:database:)`` for it instead).
    static func child(of environment: [String: String], database: String, servicePrefixes: [String] = []) -> [String: String] {
        var result = environment.filter { variable, _ in !servicePrefixes.contains { variable.hasPrefix($0) } }
        result["PGDATABASE"] = database
        return result
    }

    /// The connection argument for a libpq tool (pgbench) working in `database`: the
    /// `DATABASE_URL` with that database added last (libpq applies a later `dbname` over the
    /// URI's path or a connection string's own), or `nil` when the `PG*` variables of
    /// ``child(of:database:servicePrefixes:)`` say it all. On the command line a URL beats
    /// `PGDATABASE`, hence the explicit database.
    static func connectionArgument(_ environment: [String: String], database: String) -> String? {
        guard let url = environment["DATABASE_URL"], !url.isEmpty else { return nil }
        if url.contains("://") {
            return url + (url.contains("?") ? "&" : "?") + "dbname=\(database)"
        }
        return url + " dbname=\(database)"
    }
}
