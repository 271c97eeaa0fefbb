import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Issue 17, item 4: `GET /v1/referrals/{id}` returns the stored submission byte for byte, as the
/// contract says: key order, whitespace, escapes and explicit `null`s as the integrator sent them.
@Suite("GET /v1/referrals/{id} returns the submission exactly as sent", .freshDatabase, .serialized)
struct SubmissionAsSentTests {
    /// A referral as an integrator's system might write it: keys in its own order, indented,
    /// explicit nulls, an escaped letter, a number with a trailing zero.
    static let referral = """
        {
          "nature" : "conflict",
          "source": {"reference": {"number": "AS-SENT-1", "date": "2026-11-20"}, "kind": "minors_commission",
                     "organisation_name": "\\u041aДНиЗП"},
          "occurred_on": "2026-11-18",   "description": "Драка на перемене.\\nДва ученика.",
          "place": null,
          "minors": [ {"role": "responsible_party", "birth_date": "2013-05-01", "ref": "m1",
                       "name": {"middle_name": null, "last_name": "Иванов", "first_name": "Пётр"}} ],
          "legal_representatives": [{"represents": ["m1"], "relation": "mother", "email": null, "phone": "8 (912) 345-67-89",
                                     "name": {"last_name": "Иванова", "first_name": "Мария"}}],
          "requested_responses": ["restorative_programme"],
          "sender_deadline": null,
          "attachments": [{"title": "Копия протокола", "kind": "case_materials", "pages": 3}]
        }
        """

    static let identification = """
        {"student": {"class_name": "8 А", "birth_date": "2012-09-03", "name": {"last_name": "Кузнецов", "first_name": "Артём"},
                     "attendance_percent": 62.50, "health": null},
         "reason": "Пропустил 12 дней.", "identified_on": "2026-11-19", "school_name": "МАОУ «СОШ № 1»",
         "reference": {"date": "2026-11-20", "number": "AS-SENT-2"},
         "reporter": {"phone": "+7 912 000-00-01", "name": {"first_name": "Анна", "last_name": "Сидорова"}},
         "legal_representatives": null}
        """

    @Test("a referral and a school identification come back byte for byte, in their kind's member", arguments: [
        ("/v1/referrals", referral, "referral"), ("/v1/school-identifications", identification, "school_identification"),
    ])
    func byteForByte(path: String, sent: String, member: String) async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let created = try await client.call(.post, path, key: court.key, raw: Data(sent.utf8))
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            let read = try await client.call(.get, "/v1/referrals/\(id)", key: court.key)
            #expect(read.status == .ok)
            let text = String(decoding: read.body, as: UTF8.self)
            #expect(text.contains("\"\(member)\":" + sent), "the submission's own bytes, in the answer")
            // Still one JSON document, whose other members are as before.
            let answer = read.object
            #expect(answer["id"] as? String == id)
            #expect(answer["status"] as? String == "received")
            let echoed = try #require(answer[member] as? NSDictionary)
            #expect(echoed == (try JSONSerialization.jsonObject(with: Data(sent.utf8)) as? NSDictionary))
            // The 201 repeats none of it.
            #expect(created.object[member] == nil)
        }
    }
}
