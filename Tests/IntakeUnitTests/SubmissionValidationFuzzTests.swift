import Foundation
import IntakeAPI
@testable import IntakeService
import Models
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
        var random = SplitMix(seed: seed)
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
        #expect(outcomes.invalid > 50)
    }

    @Test("the undamaged referral is valid")
    func undamaged() throws {
        let data = try JSONSerialization.data(withJSONObject: Self.valid)
        let submission = try JSONDecoder().decode(Components.Schemas.ReferralSubmission.self, from: data)
        #expect(throws: Never.self) { try submission.validated(today: LocalDate("2026-11-24")!) }
    }

    private func damage(_ value: Any, using random: inout SplitMix, depth: Int) -> Any {
        switch value {
        case let object as [String: Any]:
            var copy = object
            for key in object.keys {
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
