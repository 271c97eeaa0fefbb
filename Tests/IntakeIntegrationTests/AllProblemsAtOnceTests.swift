import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Issue 17, item 3: a body with several problems gets one problem document listing every one
/// of them, whether the decoder or the rules find them — not only the first value that did not
/// decode.
@Suite("Every problem of a body is reported at once, decoding problems included", .freshDatabase, .serialized)
struct AllProblemsAtOnceTests {
    private func referral(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var body = referralBody()
        change(&body)
        return body
    }

    private func edit(_ body: inout [String: Any], _ key: String, _ change: (inout [String: Any]) -> Void) {
        var object = body[key] as! [String: Any]
        change(&object)
        body[key] = object
    }

    private func editFirst(_ body: inout [String: Any], _ key: String, _ change: (inout [String: Any]) -> Void) {
        var array = body[key] as! [[String: Any]]
        change(&array[0])
        body[key] = array
    }

    private func post(_ path: String, _ body: [String: Any], expecting pointers: [String: String]) async throws {
        let json = try JSONSerialization.data(withJSONObject: body)
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, path, key: court.key, raw: json)
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            let found = Dictionary(zip(response.pointers, response.codes), uniquingKeysWith: { first, _ in first })
            #expect(found == pointers)
            #expect(response.pointers.count == pointers.count, "each problem once")
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 0)
        }
    }

    @Test("an unknown enumeration value and six other bad fields: all seven")
    func enumerationAndSix() async throws {
        try await post("/v1/referrals", referral { body in
            body["nature"] = "war"
            body["occurred_on"] = "2026-02-30"
            body["description"] = "   "
            body["sender_deadline"] = "2026-01-01"
            body["requested_responses"] = ["accompaniment", "accompaniment"]
            editFirst(&body, "minors") { $0["birth_date"] = "2001-02-30" }
            editFirst(&body, "legal_representatives") { $0["phone"] = "12345" }
        }, expecting: [
            "/nature": "invalid_value", "/occurred_on": "invalid_date", "/description": "empty", "/sender_deadline": "deadline_in_past",
            "/requested_responses/1": "duplicate", "/minors/0/birth_date": "invalid_date", "/legal_representatives/0/phone": "invalid_phone",
        ])
    }

    @Test("an unknown field masks nothing: the rules' problems come with it")
    func unknownFieldAndRules() async throws {
        try await post("/v1/referrals", referral { body in
            body["nickname"] = "x"
            body["description"] = "   "
            editFirst(&body, "minors") { $0["class_name"] = "седьмой" }
        }, expecting: ["/nickname": "unknown_field", "/description": "empty", "/minors/0/class_name": "invalid_class"])
    }

    @Test("an unknown field and a value that does not decode: both")
    func unknownFieldAndDecoding() async throws {
        try await post("/v1/referrals", referral { body in
            edit(&body, "source") { $0["fax"] = "1" }
            body["occurred_on"] = 20261118
        }, expecting: ["/source/fax": "unknown_field", "/occurred_on": "wrong_type"])
    }

    @Test("two unknown enumeration values: both")
    func twoEnumerations() async throws {
        try await post("/v1/referrals", referral { body in
            body["nature"] = "war"
            edit(&body, "source") { $0["kind"] = "alien" }
            body["requested_responses"] = ["restorative_programme", "prayer"]
        }, expecting: ["/nature": "invalid_value", "/source/kind": "invalid_value", "/requested_responses/1": "invalid_value"])
    }

    @Test("a wrong type and a NUL in a text: both")
    func wrongTypeAndNUL() async throws {
        try await post("/v1/referrals", referral { body in
            editFirst(&body, "minors") { $0["birth_date"] = 7 }
            body["description"] = "Драка\u{0}"
        }, expecting: ["/minors/0/birth_date": "wrong_type", "/description": "invalid_characters"])
    }

    @Test("a missing required field and a NUL in a text: both")
    func missingAndNUL() async throws {
        try await post("/v1/referrals", referral { body in
            body["occurred_on"] = nil
            edit(&body, "source") { $0["organisation_name"] = "КДН\u{0}" }
        }, expecting: ["/occurred_on": "required", "/source/organisation_name": "invalid_characters"])
    }

    @Test("what could not be decoded judges nothing: no rule reports a stand-in's consequences")
    func standInsJudgeNothing() async throws {
        try await post("/v1/referrals", referral { body in
            // A kind that does not decode cannot say whether an organisation is required…
            edit(&body, "source") { $0["kind"] = "alien"; $0["organisation_name"] = nil }
            // …a ref that does not decode may be the one the representative names…
            editFirst(&body, "minors") { $0["ref"] = 1 }
            // …and a response that does not decode repeats nothing.
            body["requested_responses"] = ["prayer", "restorative_programme"]
        }, expecting: ["/source/kind": "invalid_value", "/minors/0/ref": "wrong_type", "/requested_responses/0": "invalid_value"])
    }

    @Test("a school identification: a wrong type, an unknown field and broken rules at once")
    func schoolIdentification() async throws {
        var body = schoolIdentificationBody()
        edit(&body, "student") { student in
            student["behaviour"] = "good"
            student["performance"] = 6
            student["hobby"] = "chess"
        }
        body["reason"] = "\u{0}"
        try await post("/v1/school-identifications", body, expecting: [
            "/student/behaviour": "wrong_type", "/student/performance": "out_of_range", "/student/hobby": "unknown_field",
            "/reason": "invalid_characters",
        ])
    }

    @Test("a webhook registration: an unknown field and a bad URL, or a URL of the wrong type, at once")
    func webhook() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let badURL = try await client.call(.put, "/v1/webhook", key: court.key, json: ["url": "ftp://example.ru", "secret": "x"])
            #expect(badURL.status == .unprocessableContent)
            #expect(Set(badURL.pointers) == ["/url", "/secret"])
            let wrongType = try await client.call(.put, "/v1/webhook", key: court.key, json: ["url": 1, "secret": "x"])
            #expect(wrongType.status == .unprocessableContent)
            #expect(Dictionary(zip(wrongType.pointers, wrongType.codes), uniquingKeysWith: { a, _ in a }) == ["/url": "wrong_type", "/secret": "unknown_field"])
        }
    }

    @Test("a body that is not JSON is still one 400, not_json")
    func notJSON() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, raw: Data("{\"nature\": \"war\", ".utf8))
            #expect(response.status == .badRequest)
            #expect(response.codes == ["not_json"])
        }
    }
}
