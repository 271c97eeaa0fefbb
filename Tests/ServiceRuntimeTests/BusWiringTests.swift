import Bus
import Foundation
import IntakeService
import Models
import MonitoringService
import NotificationsService
import Postgres
import PostgresMigrations
import SchedulingService
import Testing
import TestSupport

/// Holds the services' bus wiring (`BusWiring`, one Swift declaration per service) to the
/// contracts that exist, to itself (a consumer for what is published, a producer for what is
/// consumed), to the subscriptions the migrations make, and to `docs/bus.md`.
@Suite("The bus's wiring, as the services declare it", .freshDatabase)
struct BusWiringTests {
    static let wirings: [BusWiring] = [.intake, .scheduling, .monitoring, .notifications]

    /// The types of every contract in `Shared/Models/Messages`, read from the source.
    static func contractTypes() throws -> Set<String> {
        let folder = Repository.root.appending(path: "Shared/Models/Messages")
        let pattern = /static let messageType = "([a-z_.0-9]+)"/
        var types: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "swift" {
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: pattern) { types.insert(String(match.1)) }
        }
        return types
    }

    @Test("one wiring per service, and every contract in Models is in one")
    func everyContractIsWired() throws {
        #expect(Set(Self.wirings.map(\.service)) == Set(AccordServiceUnderTest.allCases.map(\.rawValue)))
        let wired = Set(Self.wirings.flatMap { $0.publishes + $0.publishesForOutside + $0.formerlyPublished }.map { $0.messageType })
        let contracts = try Self.contractTypes()
        #expect(contracts.count > 15, "the contracts were found: \(contracts.sorted())")
        #expect(contracts.subtracting(wired).isEmpty, "in Models but published by no service: \(contracts.subtracting(wired).sorted())")
    }

    @Test("every published contract has a consumer unless it is published for outside; every consumed one has a producer")
    func producersAndConsumers() {
        let consumed = Set(Self.wirings.flatMap(\.subscriptions).map(\.topic))
        let published = Set(Self.wirings.flatMap(\.publishes).map { $0.messageType })
        let forOutside = Set(Self.wirings.flatMap(\.publishesForOutside).map { $0.messageType })
        let produced = published.union(forOutside).union(Self.wirings.flatMap(\.formerlyPublished).map { $0.messageType })
        #expect(published.subtracting(consumed).isEmpty, "published to nobody: \(published.subtracting(consumed).sorted())")
        #expect(consumed.subtracting(produced).isEmpty, "consumed, never produced: \(consumed.subtracting(produced).sorted())")
        #expect(forOutside.isDisjoint(with: published), "both for the services and for outside: \(forOutside.intersection(published).sorted())")
    }

    @Test("the migrations subscribe exactly what the wirings declare; applying the wirings adds nothing and drops what a queue no longer takes")
    func migrationsAgree() async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 2)
        defer { Task { await pool.close() } }
        try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations()] + AccordServiceUnderTest.allCases.map { try $0.migrations() })
        func subscriptions() async throws -> Set<String> {
            Set(try await pool.query("SELECT topic || ' → ' || queue FROM bus.subscriptions").map { try $0.decode(String.self, at: 0) })
        }
        let declared = Set(Self.wirings.flatMap(\.subscriptions).map { "\($0.topic) → \($0.queue)" })
        let migrated = try await subscriptions()
        #expect(migrated == declared, "only in the migrations: \(migrated.subtracting(declared).sorted()); only declared: \(declared.subtracting(migrated).sorted())")
        // A subscription of a service's queue that its wiring no longer declares is dropped; another
        // queue's is left alone.
        try await pool.query("INSERT INTO bus.subscriptions (topic, queue) VALUES ('meeting.scheduled.v1', 'monitoring'), ('x.v1', 'elsewhere')")
        for wiring in Self.wirings { try await pool.withConnection { try await wiring.subscribe(on: $0) } }
        #expect(try await subscriptions() == declared.union(["x.v1 → elsewhere"]))
    }

    @Test("docs/bus.md's contract table is what `accord bus wiring` prints from the wirings")
    func documentTable() async throws {
        let table = BusWiring.contractTable(Self.wirings)
        let document = try Repository.text("docs/bus.md")
        #expect(document.contains(table), "regenerate the table in docs/bus.md with `accord bus wiring`:\n\(table)")
        let accord = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("accord")
        try #require(FileManager.default.isExecutableFile(atPath: accord.path), "build accord first")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("accord-wiring-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try await runShell("'\(accord.path)' bus wiring > '\(output.path)'") == 0)
        #expect(try String(contentsOf: output, encoding: .utf8) == table)
    }
}
