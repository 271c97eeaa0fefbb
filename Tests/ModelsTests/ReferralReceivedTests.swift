import Foundation
import Models
import Testing

@Suite("ReferralReceived")
struct ReferralReceivedTests {
    let message = ReferralReceived(
        referralID: ReferralID(UUID(uuidString: "0195f2a0-1c00-7000-8000-000000000001")!),
        integratorID: IntegratorID(UUID(uuidString: "0195f2a0-1c00-7000-8000-000000000002")!),
        organisationID: OrganisationID(UUID(uuidString: "0195f2a0-1c00-7000-8000-000000000003")!),
        kind: .agencyReferral,
        source: ReferralSource(
            kind: .minorsCommission,
            organisationName: "КДНиЗП Соликамского городского округа",
            reference: SenderReference(number: "12-34/567", date: LocalDate("2025-03-28")!)
        ),
        nature: .offence,
        requestedResponses: [.restorativeProgramme, .caseConclusion],
        occurredOn: LocalDate("2025-03-24")!,
        schoolName: "МАОУ «СОШ № 1»",
        className: "7Б",
        minorCount: 2,
        partyCount: 4,
        senderDeadline: LocalDate("2025-04-30")!,
        receivedAt: Date(timeIntervalSince1970: 1_743_444_000.25)
    )

    /// The coders a service would use: ISO 8601 instants are the caller's choice, not the contract's.
    func coders() -> (JSONEncoder, JSONDecoder) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (encoder, decoder)
    }

    @Test("is published as referral.received.v1")
    func messageType() {
        #expect(ReferralReceived.messageType == "referral.received.v1")
        #expect(ReferralReceived.messageType.wholeMatch(of: /[a-z_]+(\.[a-z_]+)+\.v[1-9][0-9]*/) != nil)
    }

    @Test("round-trips through JSON with the default coders")
    func roundTripDefault() throws {
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(ReferralReceived.self, from: data) == message)
    }

    @Test("round-trips through JSON with ISO 8601 instants, optional fields absent")
    func roundTripSparse() throws {
        var sparse = message
        sparse.receivedAt = Date(timeIntervalSince1970: 1_743_444_000)
        sparse.source = ReferralSource(kind: .parent, organisationName: nil, reference: nil)
        sparse.schoolName = nil
        sparse.className = nil
        sparse.senderDeadline = nil
        let (encoder, decoder) = coders()
        let data = try encoder.encode(sparse)
        #expect(try decoder.decode(ReferralReceived.self, from: data) == sparse)
    }

    @Test("the wire format has exactly the published keys, and no names, birth dates or phones")
    func wireKeys() throws {
        let (encoder, _) = coders()
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(message)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "referral_id", "integrator_id", "organisation_id", "kind", "source", "nature", "requested_responses", "occurred_on",
                "school_name", "class_name", "minor_count", "party_count", "sender_deadline", "received_at",
            ]
        )
        let source = try #require(object["source"] as? [String: Any])
        #expect(Set(source.keys) == ["kind", "organisation_name", "reference"])
        let reference = try #require(source["reference"] as? [String: Any])
        #expect(Set(reference.keys) == ["number", "date"])
    }

    @Test("identifiers, vocabularies and dates are plain strings on the wire")
    func wireValues() throws {
        let (encoder, _) = coders()
        let json = String(decoding: try encoder.encode(message), as: UTF8.self)
        #expect(json.contains(#""referral_id":"0195f2a0-1c00-7000-8000-000000000001""#))
        #expect(json.contains(#""nature":"offence""#))
        #expect(json.contains(#""requested_responses":["restorative_programme","case_conclusion"]"#))
        #expect(json.contains(#""sender_deadline":"2025-04-30""#))
        #expect(json.contains(#""kind":"minors_commission""#))
    }
}
