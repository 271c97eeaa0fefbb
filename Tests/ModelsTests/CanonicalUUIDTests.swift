import Foundation
import Models
import Testing

/// Ids print and encode in one form, lowercase (RFC 9562), whether they are typed identifiers,
/// plain `UUID` properties marked ``CanonicalUUID``, or the ids in notification messages; every
/// reader takes either case.
@Suite("Canonical UUID text")
struct CanonicalUUIDTests {
    private struct Listing: Codable, Equatable {
        @CanonicalUUID var id: UUID
        @CanonicalUUID var replacesId: UUID?
    }

    private let uuid = UUID(uuidString: "017F22E2-79B0-7CC3-98C4-DC0C0C07398F")!
    private let lowercase = "017f22e2-79b0-7cc3-98c4-dc0c0c07398f"

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("canonicalString and an identifier's description are lowercase")
    func text() {
        #expect(uuid.uuidString != lowercase, "Foundation's own form is uppercase: the reason for canonicalString")
        #expect(uuid.canonicalString == lowercase)
        #expect(WebhookSubscriptionID(uuid).description == lowercase)
    }

    @Test("a wrapped UUID encodes lowercase, a nil one is left out, and either case decodes")
    func wrapped() throws {
        let listing = Listing(id: uuid, replacesId: uuid)
        #expect(try json(listing) == #"{"id":"\#(lowercase)","replacesId":"\#(lowercase)"}"#)
        #expect(try json(Listing(id: uuid)) == #"{"id":"\#(lowercase)"}"#)
        let upper = Data(#"{"id":"\#(uuid.uuidString)","replacesId":"\#(uuid.uuidString)"}"#.utf8)
        #expect(try JSONDecoder().decode(Listing.self, from: upper) == listing)
        #expect(try JSONDecoder().decode(Listing.self, from: Data(#"{"id":"\#(lowercase)","replacesId":null}"#.utf8)) == Listing(id: uuid))
        #expect(try JSONDecoder().decode(Listing.self, from: Data(#"{"id":"\#(lowercase)"}"#.utf8)) == Listing(id: uuid))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Listing.self, from: Data(#"{"id":"017f22e2"}"#.utf8)) }
    }

    @Test("a notification request and a delivery failure carry lowercase ids on the bus")
    func messages() throws {
        let recipient = NotificationRecipient(kind: .party, id: uuid)
        let requested = NotificationRequested(
            notificationID: uuid, organisationID: OrganisationID(uuid), recipient: recipient, template: .caseOverdue, language: nil,
            data: [:], sendAfter: nil, groupKey: nil)
        let failed = NotificationDeliveryFailed(
            notificationID: uuid, organisationID: nil, recipient: recipient, channel: "sms", reason: "peer_rejected", attempts: 1,
            failedAt: Date(timeIntervalSince1970: 0))
        for text in [try json(requested), try json(failed)] {
            #expect(!text.contains(uuid.uuidString))
            #expect(text.contains(#""notification_id":"\#(lowercase)""#))
            #expect(text.contains(#""recipient":{"id":"\#(lowercase)","kind":"party"}"#))
        }
        let upper = try json(requested).replacingOccurrences(of: lowercase, with: uuid.uuidString)
        #expect(try JSONDecoder().decode(NotificationRequested.self, from: Data(upper.utf8)) == requested)
    }
}
