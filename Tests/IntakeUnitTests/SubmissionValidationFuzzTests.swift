import Foundation
import IntakeAPI
@testable import IntakeService
import Models
import ServiceRuntime
import Testing
import TestSupport

/// (`valid` is immutable after initialisation; `nonisolated(unsafe)` only because `Any` is not Sendable.)
/// Random damage to a valid referral, decoded the way the server decodes it and then validated:
/// whatever the input, the outcome is a decoding error, a list of field issues, or a valid
/// submission — never a crash — and every issue points into the document.
@Suite("Submission validation under random input")
struct SubmissionValidationFuzzTests {
    nonisolated(unsafe) static let valid: [String: Any] = [
        "source": ["kind": "court", "organisation_name": "Соликамский городской суд", "reference": ["number": "1-2/3", "date": "2026-11-20"]],
        "nature": "offence", "description": "Кража телефона у одноклассника.", "occurred_on": "2026-11-01",
        "minors": [["ref": "a", "name": ["last_name": "Орлов", "first_name": "Илья"], "birth_date": "2011-03-04"]],
        "legal_representatives": [["name": ["last_name": "Орлова", "first_name": "Ирина"], "relation": "mother", "represents": ["a"]]],
        "requested_responses": ["restorative_programme"],
    ]

    static let strings = ["", " ", "\u{0}", "\u{7}x", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "+7", "8 (912) 345-67-89",
                          "a@b", "7Б", "12Z", String(repeating: "щ", count: 9000), "'; DROP TABLE x; --", "\u{202E}evil", "🙂", "null"]

    @Test("10,000 damaged referrals never crash the validator", arguments: 0..<10)
    func damaged(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var outcomes = (decodingErrors: 0, invalid: 0, valid: 0)
        for _ in 0..<1_000 {
            let damagedDocument = damage(Self.valid, using: &random, depth: 0)
            guard let data = try? JSONSerialization.data(withJSONObject: damagedDocument),
                  let submission = try? JSONDecoder().decode(Components.Schemas.ReferralSubmission.self, from: data)
            else {
                outcomes.decodingErrors += 1
                continue
            }
            do {
                _ = try submission.validated(today: LocalDate("2026-11-24")!)
                outcomes.valid += 1
            } catch {
                #expect(!error.issues.isEmpty)
                #expect(error.issues.allSatisfy { $0.pointer.hasPrefix("/") && !$0.message.isEmpty && !$0.messageRu.isEmpty })
                outcomes.invalid += 1
            }
        }
        // The damage reached the validator, not only the decoder.
        #expect(outcomes.invalid > 0)
    }

    @Test("the damage is the seed's alone, not the order a dictionary happens to keep its keys in")
    func deterministic() throws {
        // The same referral laid out in a larger table, filled backwards: its keys come out in
        // another order, as they do from one run to the next.
        var relaid = [String: Any](minimumCapacity: 64)
        for (key, value) in Self.valid.reversed() { relaid[key] = value }
        try #require(Array(relaid.keys) != Array(Self.valid.keys))
        func documents(_ referral: [String: Any]) throws -> [Data] {
            var random = SeededGenerator(seed: 7)
            return try (0..<200).map { _ in
                try JSONSerialization.data(withJSONObject: damage(referral, using: &random, depth: 0), options: .sortedKeys)
            }
        }
        #expect(try documents(relaid) == documents(Self.valid))
    }

    @Test("damaged referrals: the collecting decoder finds every problem the server's decoder stops at, and reads the rest", arguments: 0..<4)
    func collecting(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var refused = 0
        for _ in 0..<500 {
            let data = try JSONSerialization.data(withJSONObject: damage(Self.valid, using: &random, depth: 0))
            let collected = CollectingJSONDecoder.decode(Components.Schemas.ReferralSubmission.self, from: data)
            do {
                let strict = try JSONDecoder().decode(Components.Schemas.ReferralSubmission.self, from: data)
                // What the server reads, it reads alike, and finds nothing wrong with.
                #expect(collected.issues.isEmpty)
                #expect(collected.body == strict)
            } catch let error as DecodingError {
                refused += 1
                let first = try #require(FieldIssue.decoding(error))
                #expect(collected.issues.contains(first))
                #expect(collected.body != nil, "stand-ins let the rest be validated")
                #expect(collected.issues.allSatisfy { $0.pointer.hasPrefix("/") })
            }
        }
        #expect(refused > 20)
    }

    @Test("the collecting decoder lists undocumented fields at any depth, and values that do not decode, together")
    func collectingCombinations() throws {
        var document = Self.valid
        document["nature"] = "war"
        document["extra"] = true
        var source = document["source"] as! [String: Any]
        source["kind"] = 3
        source["reference"] = ["number": "1", "date": "2026-11-20", "seal": "x"]
        document["source"] = source
        var minors = document["minors"] as! [[String: Any]]
        minors[0]["name"] = nil
        minors[0]["nickname"] = "x"
        minors.append(["ref": NSNull(), "name": "Петров", "birth_date": "2012-01-01"])
        document["minors"] = minors
        document["requested_responses"] = ["prayer", 7]
        let collected = CollectingJSONDecoder.decode(
            Components.Schemas.ReferralSubmission.self, from: try JSONSerialization.data(withJSONObject: document))
        let found = Dictionary(collected.issues.map { ($0.pointer, $0.code) }, uniquingKeysWith: { first, _ in first })
        #expect(found == [
            "/nature": "invalid_value", "/extra": "unknown_field", "/source/kind": "wrong_type", "/source/reference/seal": "unknown_field",
            "/minors/0/name": "required", "/minors/0/nickname": "unknown_field", "/minors/1/ref": "required", "/minors/1/name": "wrong_type",
            "/requested_responses/0": "invalid_value", "/requested_responses/1": "wrong_type",
        ])
        #expect(collected.issues.count == found.count)
        #expect(Set(collected.undecided) == Set(found.filter { $0.value != "unknown_field" }.keys))
        #expect(collected.body?.minors.count == 2)
        #expect(CollectingJSONDecoder.decode(Components.Schemas.ReferralSubmission.self, from: Data("{".utf8)).issues == [.notJSON])
    }

    @Test("the undamaged referral is valid")
    func undamaged() throws {
        let data = try JSONSerialization.data(withJSONObject: Self.valid)
        let submission = try JSONDecoder().decode(Components.Schemas.ReferralSubmission.self, from: data)
        #expect(throws: Never.self) { try submission.validated(today: LocalDate("2026-11-24")!) }
    }

    private func damage(_ value: Any, using random: inout SeededGenerator, depth: Int) -> Any {
        switch value {
        case let object as [String: Any]:
            var copy = object
            // In the order of the keys, not of the dictionary, which changes from run to run: the
            // seed alone decides the damage.
            for key in object.keys.sorted() {
                // Structural damage is rare, so most documents still decode and reach the validator.
                switch random.next() % 60 {
                case 0: copy[key] = nil
                case 1: copy[key] = Self.strings[Int(random.next() % UInt64(Self.strings.count))]
                case 2: copy[key] = Int(truncatingIfNeeded: random.next())
                default: copy[key] = damage(object[key]!, using: &random, depth: depth + 1)
                }
            }
            return copy
        case let array as [Any]:
            var copy = array.map { damage($0, using: &random, depth: depth + 1) }
            if random.next() % 5 == 0, let first = copy.first { copy += Array(repeating: first, count: Int(random.next() % 30)) }
            return copy
        case is String:
            return random.next() % 3 == 0 ? Self.strings[Int(random.next() % UInt64(Self.strings.count))] : value
        default:
            return value
        }
    }
}
