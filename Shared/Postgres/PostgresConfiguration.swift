import Foundation

/// How to reach PostgreSQL: libpq connection keywords, read from `DATABASE_URL` or the standard
/// libpq variables, plus the session settings Accord relies on.
///
/// libpq itself understands every keyword (`host`, `port`, `sslmode`, `target_session_attrs`, …),
/// so the configuration only gathers them; nothing is re-implemented or validated twice.
public struct PostgresConfiguration: Sendable, Equatable {
    /// Connection keywords passed to `PQconnectdbParams`; `dbname` may hold a `postgres://` URI,
    /// which libpq expands (so every URI parameter libpq knows is honoured).
    public var keywords: [String: String]

    /// Creates a configuration from libpq keywords.
    public init(keywords: [String: String] = [:]) {
        self.keywords = keywords
    }

    /// Creates a configuration from a `postgres://` or `postgresql://` URI.
    public init(url: String) {
        self.init(keywords: ["dbname": url])
    }

    /// The standard libpq environment variables and the keyword each sets.
    ///
    /// libpq would read them from the process environment on its own; reading them here too
    /// lets a service take them from any configuration source (tests pass a dictionary).
    public static let environmentKeywords: [String: String] = [
        "PGHOST": "host",
        "PGHOSTADDR": "hostaddr",
        "PGPORT": "port",
        "PGDATABASE": "dbname",
        "PGUSER": "user",
        "PGPASSWORD": "password",
        "PGPASSFILE": "passfile",
        "PGOPTIONS": "options",
        "PGSSLMODE": "sslmode",
        "PGSSLROOTCERT": "sslrootcert",
        "PGSSLCERT": "sslcert",
        "PGSSLKEY": "sslkey",
        "PGSSLCRL": "sslcrl",
        "PGREQUIRESSL": "requiressl",
        "PGCONNECT_TIMEOUT": "connect_timeout",
        "PGTARGETSESSIONATTRS": "target_session_attrs",
        "PGAPPNAME": "application_name",
        "PGSERVICE": "service",
        "PGSERVICEFILE": "servicefile",
        "PGCHANNELBINDING": "channel_binding",
        "PGGSSENCMODE": "gssencmode",
        "PGKRBSRVNAME": "krbsrvname",
    ]

    /// Reads `DATABASE_URL` and the standard libpq variables from an environment dictionary.
    ///
    /// Individual variables override what the URL says, as they are the more specific setting
    /// (for example `PGPASSWORD` from a secret file next to a URL without a password).
    public static func fromEnvironment(
        _ environment: [String: String],
        applicationName: String
    ) -> PostgresConfiguration {
        var keywords: [String: String] = [:]
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            keywords["dbname"] = url
        }
        for (variable, keyword) in environmentKeywords {
            guard let value = environment[variable], !value.isEmpty else { continue }
            if keyword == "dbname", keywords["dbname"] != nil {
                // A URL in DATABASE_URL names the database already; PGDATABASE must not replace
                // the whole URL, so it is applied after expansion as an ordinary keyword.
                keywords["accord.dbname_override"] = value
                continue
            }
            keywords[keyword] = value
        }
        var configuration = PostgresConfiguration(keywords: keywords)
        configuration.applicationName = applicationName
        return configuration
    }

    /// `application_name`, shown in `pg_stat_activity` so operators see which service holds
    /// which connection.
    public var applicationName: String? {
        get { keywords["application_name"] }
        set { keywords["application_name"] = newValue }
    }

    /// The same configuration aimed at another database on the same server.
    public func database(_ name: String) -> PostgresConfiguration {
        var copy = self
        copy.keywords["accord.dbname_override"] = name
        return copy
    }

    /// Session settings every Accord connection runs with: UTC and ISO dates make timestamps
    /// parse the same way everywhere; exact floats survive a round trip.
    static let sessionOptions = "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c extra_float_digits=3"

    /// Network limits every connection gets unless its configuration says otherwise: a bounded
    /// connect (libpq waits forever by default, and a frozen server accepts the TCP connection
    /// without ever answering), and keepalives with a user timeout so that a peer that vanished
    /// is noticed within about half a minute rather than the kernel's two hours.
    static let networkDefaults: [(String, String)] = [
        ("connect_timeout", "5"), ("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"),
        ("keepalives_count", "3"), ("tcp_user_timeout", "10000"),
    ]

    /// The same configuration with PostgreSQL's `statement_timeout` set for every session.
    public func statementTimeout(_ timeout: Duration) -> PostgresConfiguration {
        var copy = self
        let milliseconds = max(1, Int((timeout / .milliseconds(1)).rounded(.up)))
        copy.keywords["options"] = ["-c statement_timeout=\(milliseconds)", keywords["options"]].compactMap { $0 }.joined(separator: " ")
        return copy
    }

    /// The keyword/value pairs handed to libpq, in order, with Accord's session settings added.
    ///
    /// `dbname` goes first so that a URI in it expands first and later keywords override it.
    func connectionParameters() -> [(String, String)] {
        var parameters: [(String, String)] = []
        if let dbname = keywords["dbname"] { parameters.append(("dbname", dbname)) }
        // A default goes before the explicit keywords, and not at all when the URI or connection
        // string in dbname names it.
        let expanded = keywords["dbname"] ?? ""
        for (keyword, value) in Self.networkDefaults where keywords[keyword] == nil && !expanded.contains("\(keyword)=") {
            parameters.append((keyword, value))
        }
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key })
        where keyword != "dbname" && keyword != "options" && !keyword.hasPrefix("accord.") {
            parameters.append((keyword, value))
        }
        if let override = keywords["accord.dbname_override"] { parameters.append(("dbname", override)) }
        let userOptions = keywords["options"].map { " " + $0 } ?? ""
        parameters.append(("options", Self.sessionOptions + userOptions))
        parameters.append(("client_encoding", "UTF8"))
        return parameters
    }

    /// A description safe for logs: the password and any URI credentials are masked.
    public var redactedDescription: String {
        connectionParameters()
            .filter { $0.0 != "options" && $0.0 != "client_encoding" }
            .map { keyword, value in
                if keyword == "password" { return "password=***" }
                if keyword == "dbname", value.contains("://") { return "url=\(Self.redactURL(value))" }
                // libpq also expands a `key=value` connection string in dbname, which may hold a password.
                if keyword == "dbname", value.contains("=") { return "conninfo=***" }
                return "\(keyword)=\(value)"
            }
            .joined(separator: " ")
    }

    /// Masks `user:password@` in a URI, keeping the user for diagnosis, and a `password` query
    /// parameter (whose name libpq percent-decodes).
    static func redactURL(_ url: String) -> String {
        var url = url
        if let schemeEnd = url.range(of: "://"),
           let at = url[schemeEnd.upperBound...].firstIndex(of: "@"),
           let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":") {
            url = String(url[..<colon]) + ":***" + String(url[at...])
        }
        guard let query = url.firstIndex(of: "?") else { return url }
        let parameters = url[url.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            parameter.prefix { $0 != "=" }.removingPercentEncoding == "password" ? "password=***" : String(parameter)
        }
        return String(url[...query]) + parameters.joined(separator: "&")
    }
}
