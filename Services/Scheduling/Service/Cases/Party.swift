import Foundation
import Models

/// A party to a case: a minor, a legal representative, a harmed or responsible party, a
/// supporter. Personal data: every read and write goes through ``PartyStore``, audited.
public struct Party: Sendable, Equatable {
    /// The party.
    public var id: PartyID
    /// Their role in the case.
    public var role: PartyRole
    /// Full name as the family gives it.
    public var fullName: String
    /// Birth date, for minors' age group.
    public var birthDate: LocalDate?
    /// For a legal representative: the minor they represent.
    public var representsPartyID: PartyID?
    /// Phone, for invitations and reminders.
    public var phone: String?
    /// Email, for invitations and reminders.
    public var email: String?
    /// The language they are written to in.
    public var language: Language
    /// When they are never free, every week.
    public var busyHours: [WeeklyHours]
}
