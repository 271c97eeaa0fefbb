import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("Bad input gets a precise problem document, never a 5xx or a partial write", .freshDatabase, .serialized)
struct ReferralValidationTests {
    /// Applies `change` to a valid referral body.
    private func body(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var body = referralBody()
        change(&body)
        return body
    }

    @Test("every bad field is listed with a JSON pointer, a code and messages in English and Russian")
    func fieldErrors() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: body { body in
                body["occurred_on"] = "2099-01-01"
                body["description"] = "   "
                var minors = body["minors"] as! [[String: Any]]
                minors[0]["birth_date"] = "2001-02-30"
                minors[1]["birth_date"] = "2000-01-01"
                minors[1]["class_name"] = "седьмой"
                body["minors"] = minors
                var representatives = body["legal_representatives"] as! [[String: Any]]
                representatives[0]["phone"] = "12345"
                representatives[0]["email"] = "not-an-email"
                representatives[0]["represents"] = ["m9"]
                body["legal_representatives"] = representatives
                body["requested_responses"] = ["accompaniment", "accompaniment"]
                body["sender_deadline"] = "2026-01-01"
            })
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(Set(response.pointers) == [
                "/occurred_on", "/description", "/minors/0/birth_date", "/minors/1/birth_date", "/minors/1/class_name",
                "/legal_representatives/0/phone", "/legal_representatives/0/email", "/legal_representatives/0/represents/0",
                "/requested_responses/1", "/sender_deadline",
            ])
            #expect(response.codes.contains("date_in_future"))
            #expect(response.codes.contains("invalid_date"))
            #expect(response.codes.contains("invalid_phone"))
            let first = try #require((response.object["errors"] as? [[String: Any]])?.first)
            #expect((first["message"] as? String)?.isEmpty == false)
            #expect((first["message_ru"] as? String)?.isEmpty == false)
            #expect(response.object["title_ru"] as? String == "Запрос содержит ошибки в полях")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("12345"), "values are never echoed")
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 0)
            #expect(try await harness.count("SELECT count(*) FROM bus.messages") == 0)
        }
    }

    @Test("a minor must be under 18 on the day of the event", arguments: [("2008-11-17", false), ("2008-11-19", true), ("2025-01-01", false)])
    func minorAge(birthDate: String, accepted: Bool) async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: body { body in
                var minors = body["minors"] as! [[String: Any]]
                minors[0]["birth_date"] = birthDate
                body["minors"] = minors
            })
            #expect(response.status == (accepted ? .created : .unprocessableContent))
            if !accepted { #expect(response.pointers == ["/minors/0/birth_date"]) }
        }
    }

    @Test("missing fields, wrong types and unknown enumeration values name the field", arguments: [
        ("nature", "war", "/nature"), ("minors", "Иванов", "/minors"), ("requested_responses", [7], "/requested_responses/0"),
    ] as [(String, any Sendable, String)])
    func decodingErrors(field: String, value: any Sendable, pointer: String) async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: body { $0[field] = value })
            #expect(response.status == .unprocessableContent)
            #expect(response.pointers == [pointer])
        }
    }

    @Test("an undocumented field is refused by name, so nothing unchecked is stored")
    func unknownField() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: body { body in
                var minors = body["minors"] as! [[String: Any]]
                minors[0]["diagnosis"] = "F90"
                body["minors"] = minors
            })
            #expect(response.status == .unprocessableContent)
            #expect(response.pointers == ["/minors/0/diagnosis"])
            #expect(response.codes == ["unknown_field"])
        }
    }

    @Test("every undocumented field is listed at once; a byte-order mark or UTF-16 is refused before anything reads the body")
    func unknownFieldsAndEncodings() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: body { body in
                body["nickname"] = "x"
                var source = body["source"] as! [String: Any]
                source["fax"] = "1"
                body["source"] = source
            })
            #expect(response.status == .unprocessableContent)
            #expect(Set(response.pointers) == ["/nickname", "/source/fax"])
            let json = try JSONSerialization.data(withJSONObject: body { $0["nickname"] = "x" })
            for raw in [Data([0xEF, 0xBB, 0xBF]) + json, String(decoding: json, as: UTF8.self).data(using: .utf16LittleEndian)!] {
                let refused = try await client.call(.post, "/v1/referrals", key: court.key, raw: raw)
                #expect(refused.status == .badRequest)
                #expect(refused.codes == ["not_json"])
            }
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 0)
        }
    }

    @Test("a missing required field is named")
    func missingField() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: body { $0["source"] = nil })
            #expect(response.status == .unprocessableContent)
            #expect(response.pointers == ["/source"])
            #expect(response.codes == ["required"])
        }
    }

    @Test("a body that is not JSON is a 400; one that is not application/json is a 415")
    func unreadable() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let broken = try await client.call(.post, "/v1/referrals", key: court.key, raw: Data("{\"source\": ".utf8))
            #expect(broken.status == .badRequest)
            #expect(broken.headers[.contentType] == "application/problem+json")
            let text = try await client.call(.post, "/v1/referrals", key: court.key, raw: Data("hello".utf8), headers: [.contentType: "text/plain"])
            #expect(text.status == .unsupportedMediaType)
        }
    }

    @Test("a body over the cap is a 413, whether announced by Content-Length or streamed")
    func oversize() async throws {
        try await IntakeHarness.run(settings: ["INTAKE_MAX_BODY_BYTES": "4096"]) { client, harness in
            let court = try await harness.integrator()
            let large = body { $0["description"] = String(repeating: "я", count: 3000) }
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: large)
            #expect(response.status == .contentTooLarge)
            #expect(response.object["status"] as? Int == 413)
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 0)
        }
    }

    @Test("a school identification checks the student profile's ranges")
    func studentProfile() async throws {
        try await IntakeHarness.run { client, harness in
            let school = try await harness.integrator()
            var identification = schoolIdentificationBody()
            var student = identification["student"] as! [String: Any]
            student["attendance_percent"] = 120
            student["behaviour"] = 0
            student["performance"] = 6
            identification["student"] = student
            let response = try await client.call(.post, "/v1/school-identifications", key: school.key, json: identification)
            #expect(response.status == .unprocessableContent)
            #expect(Set(response.pointers) == ["/student/attendance_percent", "/student/behaviour", "/student/performance"])
        }
    }
}
