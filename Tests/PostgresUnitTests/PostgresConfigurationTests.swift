@testable import Postgres
import Testing

@Suite("PostgresConfiguration")
struct PostgresConfigurationTests {
    static let session = "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c extra_float_digits=3"
    static let url = "postgres://accord:url-s3cret@db.internal:5432/accord?sslmode=require"

    /// The parameters handed to libpq, as `keyword=value` lines for comparison, without the
    /// network defaults every configuration gets (`StatementDeadlineTests` checks those).
    static func parameters(_ environment: [String: String]) -> [String] {
        withoutNetworkDefaults(PostgresConfiguration.fromEnvironment(environment, applicationName: "accord-intake"))
    }

    /// The defaults come as one block right after `dbname`; an explicit value comes later.
    static func withoutNetworkDefaults(_ configuration: PostgresConfiguration) -> [String] {
        let defaults = Set(PostgresConfiguration.networkDefaults.map { "\($0)=\($1)" })
        let lines = configuration.connectionParameters().map { "\($0)=\($1)" }
        return Array(lines.prefix(1) + lines.dropFirst().drop(while: defaults.contains))
    }

    @Test("DATABASE_URL alone becomes the dbname libpq expands, first")
    func urlAlone() {
        let configuration = PostgresConfiguration.fromEnvironment(["DATABASE_URL": Self.url, "HOME": "/root"], applicationName: "accord-intake")
        #expect(configuration.keywords == ["dbname": Self.url, "application_name": "accord-intake"])
        #expect(configuration == PostgresConfiguration(url: Self.url).withApplicationName("accord-intake"))
        #expect(Self.parameters(["DATABASE_URL": Self.url]) == [
            "dbname=\(Self.url)", "application_name=accord-intake", "options=\(Self.session)", "client_encoding=UTF8",
        ])
    }

    @Test("PG variables alone map to their keywords, dbname first and the rest sorted")
    func variablesAlone() {
        let environment = [
            "PGHOST": "db", "PGPORT": "6432", "PGDATABASE": "intake", "PGUSER": "accord", "PGPASSWORD": "pw",
            "PGSSLMODE": "verify-full", "PGCONNECT_TIMEOUT": "5", "PGTARGETSESSIONATTRS": "read-write", "PGSERVICE": "",
        ]
        #expect(Self.parameters(environment) == [
            "dbname=intake", "application_name=accord-intake", "connect_timeout=5", "host=db", "password=pw",
            "port=6432", "sslmode=verify-full", "target_session_attrs=read-write", "user=accord",
            "options=\(Self.session)", "client_encoding=UTF8",
        ])
    }

    @Test("PG variables override the URL; PGDATABASE applies after the URL is expanded")
    func urlAndVariables() {
        let environment = ["DATABASE_URL": Self.url, "PGDATABASE": "monitoring", "PGPASSWORD": "file-secret", "PGHOST": "replica"]
        let configuration = PostgresConfiguration.fromEnvironment(environment, applicationName: "accord-intake")
        #expect(configuration.keywords["dbname"] == Self.url)
        #expect(Self.parameters(environment) == [
            "dbname=\(Self.url)", "application_name=accord-intake", "host=replica", "password=file-secret",
            "dbname=monitoring", "options=\(Self.session)", "client_encoding=UTF8",
        ])
    }

    @Test("an empty DATABASE_URL is ignored, so PGDATABASE is the plain dbname")
    func emptyURL() {
        #expect(Self.parameters(["DATABASE_URL": "", "PGDATABASE": "intake"]).prefix(2) == ["dbname=intake", "application_name=accord-intake"])
    }

    @Test("database(_:) aims at another database after the URL expands")
    func otherDatabase() {
        let parameters = Self.withoutNetworkDefaults(PostgresConfiguration(url: Self.url).database("accord_test"))
        #expect(parameters == ["dbname=\(Self.url)", "dbname=accord_test", "options=\(Self.session)", "client_encoding=UTF8"])
    }

    @Test("the service's application name wins over PGAPPNAME")
    func applicationName() {
        let configuration = PostgresConfiguration.fromEnvironment(["PGAPPNAME": "psql"], applicationName: "accord-scheduling")
        #expect(configuration.applicationName == "accord-scheduling")
    }

    @Test("options always carry the session settings, with PGOPTIONS appended", arguments: [
        ([:], session),
        (["PGOPTIONS": "-c statement_timeout=5s"], session + " -c statement_timeout=5s"),
        (["PGOPTIONS": "-c TimeZone=Asia/Almaty"], session + " -c TimeZone=Asia/Almaty"),
    ] as [([String: String], String)])
    func options(environment: [String: String], options: String) {
        let parameters = Self.parameters(environment)
        #expect(parameters.filter { $0.hasPrefix("options=") } == ["options=\(options)"])
        #expect(parameters.last == "client_encoding=UTF8")
    }

    @Test(
        "the redacted description never shows a password",
        arguments: [
            (["PGPASSWORD": "pg-s3cret", "PGHOST": "db"], "pg-s3cret", "host=db"),
            (["DATABASE_URL": url], "url-s3cret", "url=postgres://accord:***@db.internal:5432/accord?sslmode=require"),
            (["DATABASE_URL": url, "PGPASSWORD": "pg-s3cret"], "pg-s3cret", "password=***"),
            (["DATABASE_URL": "postgresql://accord@db/accord?password=query-s3cret&sslmode=require"], "query-s3cret", "sslmode=require"),
            (["DATABASE_URL": "postgresql:///accord?host=db&pass%77ord=encoded-s3cret"], "encoded-s3cret", "host=db"),
            (["DATABASE_URL": "host=db user=accord password=conninfo-s3cret dbname=accord"], "conninfo-s3cret", "application_name=accord-intake"),
            (["DATABASE_URL": url, "PGDATABASE": "postgres://other:override-s3cret@db/x"], "override-s3cret", "url=postgres://other:***@db/x"),
        ] as [([String: String], String, String)]
    )
    func redaction(environment: [String: String], password: String, kept: String) {
        let description = PostgresConfiguration.fromEnvironment(environment, applicationName: "accord-intake").redactedDescription
        #expect(!description.contains(password), "\(description)")
        #expect(description.contains(kept), "\(description)")
        #expect(!description.contains("options="))
    }
}

extension PostgresConfiguration {
    /// The same configuration with `application_name` set.
    func withApplicationName(_ name: String) -> PostgresConfiguration {
        var copy = self
        copy.applicationName = name
        return copy
    }
}
