import Bus
import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IntakeService
import Postgres
import PostgresMigrations
import Testing
import TestSupport

/// `accord-intake` on a fresh database, migrated, with integrators and keys made through the
/// same administration the `accord intake` command uses, and a live HTTP client on loopback.
struct IntakeHarness {
    let pool: PostgresPool
    let administration: IntegratorAdministration

    /// The service's settings for a test: the test's database, a free port, a generous rate
    /// limit and no key cache (a revocation shows at once), unless `settings` says otherwise.
    static func reader(_ settings: [String: String] = [:]) throws -> ConfigReader {
        let database = try TestDatabase.required()
        let defaults = [
            "HTTP_PORT": "0", "INTAKE_RATE_LIMIT_PER_SECOND": "10000", "INTAKE_RATE_LIMIT_BURST": "10000",
            "INTAKE_API_KEYS_CACHE_SECONDS": "0", "LOG_LEVEL": "warning", "DATABASE_POOL_SIZE": "3",
        ]
        let environment = database.environment.merging(defaults) { $1 }.merging(settings) { $1 }
        return ConfigReader(service: .intake, environment: environment)
    }

    /// Runs `body` against a started service. Queues `observed` are subscribed to the topics
    /// intake publishes, so tests can see what reached the bus.
    static func run(
        settings: [String: String] = [:],
        _ body: @Sendable (any TestClientProtocol, IntakeHarness) async throws -> Void
    ) async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 2)
        defer { Task { await pool.close() } }
        try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try IntakeSchema.migrations()])
        try await pool.withConnection {
            try await MessageBus.subscribe("observed", to: [
                "referral.received.v1", "referral.status_changed.v1", "integrator.webhook_registered.v1", "integrator.webhook_removed.v1",
            ], in: $0)
        }
        let app = try await buildApplication(reader: try reader(settings))
        let harness = IntakeHarness(pool: pool, administration: IntegratorAdministration(pool: pool))
        try await app.test(.live) { client in try await body(client, harness) }
    }

    /// A new integrator and a key for it; its referrals join `organisation`'s caseload (a new one by default).
    func integrator(
        _ name: String = "КДНиЗП \(UUID().uuidString.prefix(8))", timeZone: String = "Asia/Yekaterinburg", organisation: UUID = UUID()
    ) async throws -> TestIntegrator {
        let integrator = try await administration.createIntegrator(
            name: name, kind: "minors_commission", organisationID: organisation, timeZone: timeZone)
        let key = try await administration.issueKey(integratorID: integrator.id, label: "tests")
        return TestIntegrator(id: integrator.id, organisationID: integrator.organisationId, keyID: key.keyId, key: key.key)
    }

    /// A count from the test's database.
    func count(_ query: PostgresQuery) async throws -> Int {
        try await pool.count(query)
    }
}

/// An integrator made for a test, with its key.
struct TestIntegrator {
    let id: UUID
    let organisationID: UUID
    let keyID: UUID
    let key: String
}

/// A response read as JSON.
struct JSONResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Data

    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// The pointers of a problem's field errors.
    var pointers: [String] {
        (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
    }

    /// The codes of a problem's field errors.
    var codes: [String] {
        (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }
}

extension TestClientProtocol {
    /// Sends a request with `key` as bearer and `body` as JSON.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, key: String?, json body: Any? = nil, raw: Data? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> JSONResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        } else if let raw {
            buffer = ByteBuffer(bytes: raw)
        }
        if buffer != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: buffer) { response in
            JSONResponse(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }
}

/// A valid referral from a КДНиЗП; `reference` keeps it apart from the test's others.
func referralBody(reference: String = "12-34/\(Int.random(in: 1...999_999))") -> [String: Any] {
    [
        "source": [
            "kind": "minors_commission", "organisation_name": "КДНиЗП Соликамского городского округа",
            "reference": ["number": reference, "date": "2026-11-20"],
        ],
        "nature": "conflict",
        "description": "Драка на перемене между учениками 7Б класса.",
        "occurred_on": "2026-11-18",
        "place": ["school_name": "МАОУ «СОШ № 1»", "class_name": "7Б"],
        "minors": [
            ["ref": "m1", "name": ["last_name": "Иванов", "first_name": "Пётр"], "birth_date": "2013-05-01", "role": "responsible_party"],
            ["ref": "m2", "name": ["last_name": "Петров", "first_name": "Иван", "middle_name": "Сергеевич"], "birth_date": "2013-02-11",
             "role": "harmed_party"],
        ],
        "legal_representatives": [
            ["name": ["last_name": "Иванова", "first_name": "Мария"], "relation": "mother", "phone": "8 (912) 345-67-89",
             "email": "ivanova@example.ru", "represents": ["m1"]],
        ],
        "requested_responses": ["restorative_programme", "case_conclusion"],
        "sender_deadline": "2026-12-20",
        "attachments": [["kind": "case_materials", "title": "Копия протокола", "pages": 3]],
    ]
}

/// A valid school identification.
func schoolIdentificationBody(reference: String = "СС-\(Int.random(in: 1...999_999))") -> [String: Any] {
    [
        "reference": ["number": reference, "date": "2026-11-20"],
        "school_name": "МАОУ «СОШ № 1»",
        "identified_on": "2026-11-19",
        "reason": "Пропустил 12 дней без уважительной причины за месяц.",
        "reporter": ["name": ["last_name": "Сидорова", "first_name": "Анна"], "phone": "+7 912 000-00-01"],
        "student": [
            "name": ["last_name": "Кузнецов", "first_name": "Артём"], "birth_date": "2012-09-03", "class_name": "8 А",
            "attendance_percent": 62.5, "behaviour": 3, "performance": 2, "disability": false, "home_schooling": false,
            "family_composition": "Мать, двое детей", "housing_report": "Акт ЖБУ от 2026-10-01: условия удовлетворительные",
        ],
        "legal_representatives": [
            ["name": ["last_name": "Кузнецова", "first_name": "Ольга"], "relation": "mother", "phone": "87011234567",
             "represents": ["student"]],
        ],
        "attachments": [["kind": "social_passport", "title": "Социальный паспорт"], ["kind": "attendance_report", "title": "Табель посещаемости"]],
    ]
}
