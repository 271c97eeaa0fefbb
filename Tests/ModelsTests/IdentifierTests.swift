import Foundation
import Models
import Testing

@Suite("Identifier")
struct IdentifierTests {
    let uuid = UUID(uuidString: "017F22E2-79B0-7CC3-98C4-DC0C0C07398F")!

    @Test("prints lowercase and parses either case")
    func string() {
        let id = CaseID(uuid)
        #expect(id.description == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f")
        #expect(CaseID("017f22e2-79b0-7cc3-98c4-dc0c0c07398f") == id)
        #expect(CaseID("017F22E2-79B0-7CC3-98C4-DC0C0C07398F") == id)
        #expect(CaseID("017f22e2") == nil)
    }

    @Test("encodes as a plain UUID string")
    func json() throws {
        let id = ReferralID(uuid)
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["017f22e2-79b0-7cc3-98c4-dc0c0c07398f"]"#)
        #expect(try JSONDecoder().decode([ReferralID].self, from: data) == [id])
    }

    @Test(
        "rejects JSON that is not a UUID string",
        arguments: [#"["not-a-uuid"]"#, "[42]", #"[{"uuid":"017f22e2-79b0-7cc3-98c4-dc0c0c07398f"}]"#]
    )
    func badJSON(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ReferralID].self, from: Data(json.utf8))
        }
    }

    @Test("make() creates UUIDv7 identifiers")
    func make() {
        let id = MeetingID.make()
        #expect(id.description.dropFirst(14).first == "7")
    }

    @Test("orders byte-wise, unsigned")
    func order() {
        let low = SpecialistID(UUID(uuidString: "7fffffff-ffff-7fff-bfff-ffffffffffff")!)
        let high = SpecialistID(UUID(uuidString: "80000000-0000-7000-8000-000000000000")!)
        #expect(low < high)
        #expect(!(high < low))
        #expect(!(low < low))
    }
}
