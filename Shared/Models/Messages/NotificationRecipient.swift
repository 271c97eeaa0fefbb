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
    /// The party's, specialist's, integrator's or organisation's id.
    public var id: UUID

    /// A recipient.
    public init(kind: Kind, id: UUID) {
        self.kind = kind
        self.id = id
    }
}
