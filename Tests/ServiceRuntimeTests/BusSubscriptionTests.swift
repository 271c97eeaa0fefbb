import Bus
import Foundation
import Postgres
import PostgresMigrations
import Testing
import TestSupport

/// Holds the bus's wiring to what `docs/bus.md` says of it: a publish fans out only to the queues
/// subscribed in the migrations, so a contract no migration subscribes is published to nobody.
@Suite("Every published contract reaches the consumers the bus document names", .freshDatabase)
struct BusSubscriptionTests {
    /// The types of every contract the services publish to topics (`Shared/Models/Messages`).
    static func contractTypes() throws -> Set<String> {
        let folder = Repository.root.appending(path: "Shared/Models/Messages")
        let pattern = /static let messageType = "([a-z_.0-9]+)"/
        var types: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "swift" {
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: pattern) { types.insert(String(match.1)) }
        }
        return types
    }

    /// The contract table of `docs/bus.md`: each row's types and the queues it names as consumers
    /// (none for `—`).
    static func documentedConsumers() throws -> [String: Set<String>] {
        var consumers: [String: Set<String>] = [:]
        for line in try Repository.text("docs/bus.md").split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            let queues = Set(cells[3].matches(of: /`([a-z_.0-9]+)`/).map { String($0.1) })
            for type in cells[1].matches(of: /`([a-z_.0-9]+\.v[0-9]+)`/).map({ String($0.1) }) { consumers[type] = queues }
        }
        return consumers
    }

    /// The contracts `docs/bus.md` says are published to no queue, from its «Published to no queue» line.
    static func documentedUnsubscribed() throws -> Set<String> {
        let line = try #require(try Repository.text("docs/bus.md").split(separator: "\n").first { $0.hasPrefix("Published to no queue:") })
        return Set(line.matches(of: /`([a-z_.0-9]+\.v[0-9]+)`/).map { String($0.1) })
    }

    @Test("each contract has a subscriber in the migrations, or is documented as published to no queue; the document's consumers are the migrations'")
    func subscriptionsMatchTheDocument() async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 2)
        defer { Task { await pool.close() } }
        try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations()] + AccordServiceUnderTest.allCases.map { try $0.migrations() })
        var subscribed: [String: Set<String>] = [:]
        for row in try await pool.query("SELECT topic, queue FROM bus.subscriptions") {
            subscribed[try row.decode(String.self, at: 0), default: []].insert(try row.decode(String.self, at: 1))
        }
        let documented = try Self.documentedConsumers()
        let unsubscribed = try Self.documentedUnsubscribed()
        let contracts = try Self.contractTypes()
        #expect(contracts.count > 15, "the contracts were found: \(contracts.sorted())")
        for type in contracts.sorted() {
            let queues = subscribed[type] ?? []
            #expect(documented[type] == queues, "\(type): docs/bus.md names \(documented[type]?.sorted() ?? ["no row"]), the migrations subscribe \(queues.sorted())")
            #expect(!queues.isEmpty || unsubscribed.contains(type), "\(type) is published to nobody and docs/bus.md does not say so")
            #expect(queues.isEmpty || !unsubscribed.contains(type), "\(type) is subscribed, yet docs/bus.md lists it as published to no queue")
        }
        // Every subscription is to a contract that exists.
        #expect(Set(subscribed.keys).subtracting(contracts).isEmpty, "subscriptions to no contract: \(Set(subscribed.keys).subtracting(contracts).sorted())")
    }
}
