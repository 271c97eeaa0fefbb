import Foundation
import Postgres
import Testing
import TestSupport

@Suite("JSONStreamEncoder")
struct JSONStreamEncoderTests {
    struct Address: Codable, Equatable {
        var city: String
        var lines: [String]
    }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case square(Int)
        case none
    }

    enum Kind: String, Codable {
        case court, school
    }

    struct Everything: Codable, Equatable {
        var text: String
        var number: Int
        var negative: Int64
        var small: UInt8
        var ratio: Double
        var flag: Bool
        var missing: String?
        var present: Int?
        var when: Date
        var id: UUID
        var bytes: Data
        var link: URL
        var amount: Decimal
        var kind: Kind
        var addresses: [Address]
        var empty: [Int]
        var table: [String: Int]
        var nested: [[Int?]]
        var shapes: [Shape]
    }

    static let sample = Everything(
        text: "Ученик 7«Б» said \"hi\"\\ / \n\t\r\u{08}\u{0C}\u{01}\u{1F} end ✓",
        number: 1_234_567, negative: Int64.min, small: 255, ratio: 0.1, flag: true,
        missing: nil, present: 0,
        when: Date(timeIntervalSince1970: 1_763_971_200.123456), id: UUID(),
        bytes: Data([0, 1, 2, 250, 255]), link: URL(string: "https://example.org/a?b=c&d=%20")!,
        amount: Decimal(string: "12.50")!, kind: .school,
        addresses: [Address(city: "Соликамск", lines: ["ул. Ленина, 1", ""])], empty: [],
        table: ["a": 1, "б": 2], nested: [[1, nil], [], [3]],
        shapes: [.circle(radius: 2.5), .square(3), .none])

    /// The reference: what Foundation writes, parsed into a comparable tree.
    static func tree(_ json: String) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) as? NSObject)
    }

    static func foundation<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(PostgresTimestamp.format(date, separator: "T", utcSuffix: "Z"))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("writes the same document as JSONEncoder and decodes back to the same value")
    func matchesFoundation() throws {
        let json = try JSONStreamEncoder().encode(Self.sample)
        // Except that an id is written in RFC 9562's lower case, as every Accord API writes it.
        let reference = try Self.foundation(Self.sample).replacingOccurrences(of: Self.sample.id.uuidString, with: Self.sample.id.uuidString.lowercased())
        #expect(json.contains(Self.sample.id.uuidString.lowercased()))
        #expect(try Self.tree(json) == Self.tree(reference))
        #expect(try PostgresJSONCoding.decoder().decode(Everything.self, from: Data(json.utf8)) == Self.sample)
    }

    @Test("scalars and containers at the top level")
    func topLevel() throws {
        let encoder = JSONStreamEncoder()
        #expect(try encoder.encode("a\"b") == #""a\"b""#)
        #expect(try encoder.encode(42) == "42")
        #expect(try encoder.encode(Int8(-7)) == "-7")
        #expect(try encoder.encode(String?.none) == "null")
        #expect(try encoder.encode([1, 2, 3]) == "[1,2,3]")
        #expect(try encoder.encode([String]()) == "[]")
        #expect(try encoder.encode([String: Int]()) == "{}")
        #expect(try encoder.encode(Address(city: "x", lines: [])) == #"{"city":"x","lines":[]}"#)
    }

    @Test("every control character is escaped and text round-trips")
    func controlCharacters() throws {
        let text = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init))) + "ә𝄞\u{2028}"
        let json = try JSONStreamEncoder().encode([text])
        #expect(!json.utf8.contains { $0 < 0x20 })
        #expect(try JSONDecoder().decode([String].self, from: Data(json.utf8)) == [text])
    }

    @Test("random documents round-trip", arguments: 0..<20)
    func randomRoundTrip(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let addresses = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
            Address(city: generator.text(), lines: (0..<Int.random(in: 0...3, using: &generator)).map { _ in generator.text() })
        }
        let json = try JSONStreamEncoder().encode(addresses)
        #expect(try JSONDecoder().decode([Address].self, from: Data(json.utf8)) == addresses)
        #expect(try Self.tree(json) == Self.tree(Self.foundation(addresses)))
    }

    @Test("a value that encodes nothing is an empty object, as with JSONEncoder")
    func encodesNothing() throws {
        struct Nothing: Encodable {
            func encode(to encoder: any Encoder) throws {}
        }
        struct Holder: Encodable {
            var inner = Nothing()
            var after = 1
        }
        #expect(try JSONStreamEncoder().encode(Nothing()) == "{}")
        #expect(try JSONStreamEncoder().encode(Holder()) == #"{"inner":{},"after":1}"#)
    }

    @Test("a subclass and its superclass share one object; superEncoder nests under \"super\"")
    func inheritance() throws {
        class Base: Encodable {
            var base = 1
        }
        final class Derived: Base {
            var derived = 2
            enum CodingKeys: String, CodingKey { case derived }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(derived, forKey: .derived)
                try super.encode(to: encoder)
            }
        }
        final class Nested: Base {
            enum CodingKeys: String, CodingKey { case own }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(true, forKey: .own)
                try super.encode(to: container.superEncoder())
            }
        }
        #expect(try Self.tree(JSONStreamEncoder().encode(Derived())) == Self.tree(#"{"derived":2,"base":1}"#))
        #expect(try Self.tree(JSONStreamEncoder().encode(Nested())) == Self.tree(#"{"own":true,"super":{"base":1}}"#))
    }

    @Test("writing to a container after its parent moved on throws instead of writing broken JSON")
    func staleContainer() throws {
        struct Misbehaving: Encodable {
            enum Key: String, CodingKey { case a, b }
            func encode(to encoder: any Encoder) throws {
                var outer = encoder.container(keyedBy: Key.self)
                var inner = outer.nestedContainer(keyedBy: Key.self, forKey: .a)
                try outer.encode(1, forKey: .b)
                try inner.encode(2, forKey: .a)
            }
        }
        #expect(throws: EncodingError.self) { try JSONStreamEncoder().encode(Misbehaving()) }
    }

    @Test("non-finite numbers throw, as JSON has no spelling for them", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(number: Double) {
        #expect(throws: EncodingError.self) { try JSONStreamEncoder().encode([number]) }
    }
}

extension SeededGenerator {
    /// Text mixing ASCII, control characters, quotes, Cyrillic, Kazakh and astral scalars.
    mutating func text() -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{00}", "\u{1F}", "\u{7F}", "ж", "Ә", "ң", "€", "𝄞", "\u{2028}"]
        return String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &self)).map { _ in pool.randomElement(using: &self)! }))
    }
}
