import Foundation
import Models
import Postgres

/// Someone this service may write to, with their contacts, language, time zone, and consent and
/// opt-out per channel. Contacts are personal data: they are read only to send and through the
/// audited API, and never logged.
struct Recipient: Sendable, Equatable {
    /// A party, specialist or integrator.
    var kind: NotificationRecipient.Kind
    /// Their id in the service that knows them.
    var id: UUID
    /// The organisation they belong to (none for integrators).
    var organisationID: OrganisationID?
    /// The language messages are written in.
    var language: Language
    /// Their time zone, if not the service's default.
    var timeZone: TimeZone?
    /// Email, with consent and opt-out.
    var email: Contact?
    /// Mobile phone (E.164), with consent and opt-out.
    var phone: Contact?
    /// When the record last changed.
    var updatedAt: Date

    /// One way of reaching someone.
    struct Contact: Sendable, Equatable {
        /// The address or number.
        var address: String
        /// They agreed to be contacted this way.
        var consent: Bool
        /// When they asked not to be, if they did.
        var optedOutAt: Date?

        /// Whether a message may go this way now.
        var isUsable: Bool { consent && optedOutAt == nil }
    }

    /// The channels a message may take now, in this order: SMS first (families read it), then email.
    var usableChannels: [Channel] {
        [(Channel.sms, phone), (.email, email)].compactMap { $0.1?.isUsable == true ? $0.0 : nil }
    }

    /// The columns ``init(row:)`` reads, in order.
    static let columns: StaticString = """
        kind, id, organisation_id, language, time_zone, email, email_consent, email_opted_out_at, phone, sms_consent, sms_opted_out_at, updated_at
        """

    /// A row of `notifications.recipients` selected with ``columns``.
    init(row: PostgresRow, from offset: Int = 0) throws {
        kind = NotificationRecipient.Kind(rawValue: try row.decode(String.self, at: offset))!
        id = try row.decode(UUID.self, at: offset + 1)
        organisationID = try row.decode(UUID?.self, at: offset + 2).map(OrganisationID.init)
        language = Language(rawValue: try row.decode(String.self, at: offset + 3)) ?? .ru
        timeZone = try row.decode(String?.self, at: offset + 4).flatMap(TimeZone.init(identifier:))
        email = try row.decode(String?.self, at: offset + 5).map {
            Contact(address: $0, consent: try row.decode(Bool.self, at: offset + 6), optedOutAt: try row.decode(Date?.self, at: offset + 7))
        }
        phone = try row.decode(String?.self, at: offset + 8).map {
            Contact(address: $0, consent: try row.decode(Bool.self, at: offset + 9), optedOutAt: try row.decode(Date?.self, at: offset + 10))
        }
        updatedAt = try row.decode(Date.self, at: offset + 11)
    }

    init(
        kind: NotificationRecipient.Kind, id: UUID, organisationID: OrganisationID?, language: Language, timeZone: TimeZone?,
        email: Contact?, phone: Contact?, updatedAt: Date
    ) {
        self.kind = kind
        self.id = id
        self.organisationID = organisationID
        self.language = language
        self.timeZone = timeZone
        self.email = email
        self.phone = phone
        self.updatedAt = updatedAt
    }
}
