import Foundation
@testable import Postgres
import Testing

/// Feeds thousands of seeded random and mutated byte buffers to every column decoder: none may
/// crash, each either decodes or throws a `.decodingFailure`, and where a simple reference
/// exists the decoder agrees with it.
@Suite("Decoding fuzz")
struct PostgresDecodingFuzzTests {
    static let inputCount = 20_000
    /// Fewer successful decodes than this would mean the mutations no longer reach valid text.
    static let minimumDecoded = 100

    /// Collects everything that went wrong, so a failure reports the inputs instead of crashing
    /// the run or flooding it with thousands of expectations.
    struct Findings {
        var problems: [String] = []
        /// How many inputs decoded, to show the fuzzing reaches valid text as well as garbage.
        var decoded = 0

        /// Records a problem found with `bytes`.
        mutating func report(_ problem: String, _ bytes: [UInt8]) {
            problems.append("\(problem) for \(String(reflecting: String(decoding: bytes, as: UTF8.self))) \(bytes)")
        }

        /// The decoded value, or `nil` after a `.decodingFailure`; any other error is a problem.
        mutating func decode<Value: PostgresDecodable>(_ type: Value.Type, _ bytes: [UInt8]) -> Value? {
            do {
                let value = try bytes.withUnsafeBytes { try Value(postgresText: $0) }
                decoded += 1
                return value
            } catch let error as PostgresError where error.kind == .decodingFailure {
                return nil
            } catch {
                report("\(Value.self) threw \(error)", bytes)
                return nil
            }
        }
    }

    @Test("integers decode exactly what Swift's own parser accepts")
    func integers() {
        var inputs = FuzzInputs(seed: 0x1A7E_6E25)
        var findings = Findings()
        for _ in 0..<Self.inputCount {
            let bytes = inputs.next()
            let text = String(decoding: bytes, as: UTF8.self)
            if findings.decode(Int.self, bytes) != Int(text) { findings.report("Int differs", bytes) }
            if findings.decode(Int64.self, bytes) != Int64(text) { findings.report("Int64 differs", bytes) }
            if findings.decode(Int32.self, bytes) != Int32(text) { findings.report("Int32 differs", bytes) }
            if findings.decode(Int16.self, bytes) != Int16(text) { findings.report("Int16 differs", bytes) }
        }
        #expect(findings.problems.isEmpty, "\(findings.problems.prefix(10))")
        #expect(findings.decoded >= Self.minimumDecoded)
    }

    @Test("bool, bytea, uuid and float8 decode only valid text")
    func scalars() {
        var inputs = FuzzInputs(seed: 0x5CA1_A25)
        var findings = Findings()
        for _ in 0..<Self.inputCount {
            let bytes = inputs.next()
            let bool = findings.decode(Bool.self, bytes)
            if bool != (bytes == [UInt8(ascii: "t")] ? true : bytes == [UInt8(ascii: "f")] ? false : nil) {
                findings.report("Bool decoded \(String(describing: bool))", bytes)
            }
            if findings.decode(Data.self, bytes) != Self.referenceHex(bytes) { findings.report("Data differs", bytes) }
            _ = findings.decode(UUID.self, bytes)
            if let double = findings.decode(Double.self, bytes), !double.isNaN,
               (try? decode(Double.self, double.postgresText()!)) != double {
                findings.report("Double \(double) does not round-trip", bytes)
            }
        }
        #expect(findings.problems.isEmpty, "\(findings.problems.prefix(10))")
        #expect(findings.decoded >= Self.minimumDecoded)
    }

    @Test("array text parses consistently and re-formats to the same elements")
    func arrays() {
        var inputs = FuzzInputs(seed: 0xA22A_75)
        var findings = Findings()
        for _ in 0..<Self.inputCount {
            let bytes = inputs.next()
            let parsed = bytes.withUnsafeBytes { PostgresArrayText.parse($0) }
            let strings = findings.decode([String?].self, bytes)
            if (parsed == nil) != (strings == nil) { findings.report("[String?] disagrees with parse", bytes) }
            _ = findings.decode([Int?].self, bytes)
            _ = findings.decode([Date].self, bytes)
            guard let parsed, let strings else { continue }
            if strings.map({ $0.map { Array($0.utf8) } }) == parsed, parseArray(PostgresArrayText.format(strings)) != strings {
                findings.report("format of parsed elements does not parse back", bytes)
            }
        }
        #expect(findings.problems.isEmpty, "\(findings.problems.prefix(10))")
        #expect(findings.decoded >= Self.minimumDecoded)
    }

    @Test("timestamps and JSON documents decode or fail cleanly")
    func timestampsAndJSON() {
        var inputs = FuzzInputs(seed: 0x7135_7A4D)
        var findings = Findings()
        for _ in 0..<Self.inputCount {
            let bytes = inputs.next()
            if let date = findings.decode(Date.self, bytes), date != .distantPast, date != .distantFuture,
               let again = parseTimestamp(PostgresTimestamp.format(date)),
               abs(again.timeIntervalSince(date)) > 0.000_1 {
                findings.report("Date \(date) does not round-trip", bytes)
            }
            _ = findings.decode(PostgresJSON<[String: String]>.self, bytes)
        }
        #expect(findings.problems.isEmpty, "\(findings.problems.prefix(10))")
        #expect(findings.decoded >= Self.minimumDecoded)
    }

    /// The bytes `\x` followed by an even number of hex digits decode to, or `nil`.
    static func referenceHex(_ bytes: [UInt8]) -> Data? {
        guard bytes.starts(with: Array(#"\x"#.utf8)) else { return nil }
        let digits = bytes.dropFirst(2).map { UInt8(String(UnicodeScalar($0)), radix: 16) }
        guard digits.count.isMultiple(of: 2), !digits.contains(nil) else { return nil }
        return Data(stride(from: 0, to: digits.count, by: 2).map { digits[$0]! << 4 | digits[$0 + 1]! })
    }
}
