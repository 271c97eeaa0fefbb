import Foundation
import Models
@testable import MonitoringService
import Postgres
import Testing

/// The projection reads its events' JSON in SQL (`p->>'case_id'`), where the compiler cannot see
/// a misspelt or renamed key: this holds every key it reads to the contract's own JSON.
@Suite("Monitoring's projections read only what their contracts carry")
struct ProjectionContractTests {
    @Test("every JSON key a projection statement reads is in its contract's example")
    func keysExist() throws {
        #expect(EventProjection.projections.count >= 12)
        for projection in EventProjection.projections {
            let example = try PostgresJSONCoding.encode(projection.contract.example)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [String: Any])
            let paths = Self.paths(readBy: projection.statement)
            #expect(!paths.isEmpty, "\(projection.contract.messageType): no key read")
            for path in paths {
                var value: Any? = document
                for key in path { value = (value as? [String: Any])?[key] }
                #expect(value != nil, "\(projection.contract.messageType) has no \(path.joined(separator: "."))")
            }
        }
    }

    @Test("the key finder sees nested reads")
    func nestedReads() {
        #expect(Self.paths(readBy: "SELECT p->>'a', p->'source'->>'kind', (p->>'b')::int") == [["a"], ["source", "kind"], ["b"]])
    }

    /// The key paths read from `p`: `p->>'a'` is `[a]`, `p->'a'->>'b'` is `[a, b]`.
    static func paths(readBy statement: String) -> [[String]] {
        statement.matches(of: /\bp((?:->>?'[a-z_]+')+)/).map { match in
            match.1.matches(of: /'([a-z_]+)'/).map { String($0.1) }
        }
    }
}
