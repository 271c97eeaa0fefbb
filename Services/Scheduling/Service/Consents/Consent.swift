import Foundation
import Models

/// Согласие законного представителя: for one minor, by one representative, in one form, for
/// one or more scopes; standing until withdrawn.
public struct Consent: Sendable, Equatable {
    /// The consent.
    public var id: ConsentID
    /// The minor it is for.
    public var minorPartyID: PartyID
    /// The legal representative who gave it.
    public var givenByPartyID: PartyID
    /// Written, oral (recorded) or electronic.
    public var form: ConsentForm
    /// What it allows.
    public var scopes: [ConsentScope]
    /// The day it was given.
    public var givenOn: LocalDate
    /// When it was entered.
    public var recordedAt: Date
    /// The day it was withdrawn, if it was.
    public var withdrawnOn: LocalDate?
    /// Why, if the representative said.
    public var withdrawalReason: String?
}
