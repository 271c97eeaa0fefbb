import Foundation

/// Who a notification is for, by reference: the notifications service holds the contact details.
public struct NotificationRecipient: Codable, Hashable, Sendable {
    /// What the reference points at.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// A party to a case (a parent, a minor), by party id.
        case party
        /// A specialist, by specialist id.
        case specialist
        /// The integrator that sent a referral, by integrator id.
        case integrator
        /// A service (ШСП, МСП, СПЦ) itself, by organisation id: its office's address (monitoring's
        /// reminders of a quarterly report go there).
        case organisation
    }

    /// What ``id`` identifies.
    public var kind: Kind
    /// The party's, specialist's, integrator's or organisation's id; typed so it encodes in the
    /// canonical lowercase form wherever the recipient is shown (the bus, the notifications API).
    public var id: RecipientID

    /// A recipient: `id` is the uuid of the party, specialist, integrator or organisation `kind` names.
    public init(kind: Kind, id: UUID) {
        self.kind = kind
        self.id = RecipientID(id)
    }
}
