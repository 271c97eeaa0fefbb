/// Who sent a referral: the kind of sender, the agency's name and its reference.
public struct ReferralSource: Hashable, Sendable, Codable {
    /// The kind of sender; reports count referrals by it.
    public var kind: ReferralSourceKind
    /// The sending agency's name («КДНиЗП Соликамского городского округа»). `nil` for a parent or a
    /// self-referral: there the sender is a person, whose name is personal data.
    public var organisationName: String?
    /// The sender's outgoing number and date; `nil` when the sender registers no letters (a parent,
    /// a self-referral, often a school).
    public var reference: SenderReference?

    /// A referral's source.
    public init(kind: ReferralSourceKind, organisationName: String?, reference: SenderReference?) {
        self.kind = kind
        self.organisationName = organisationName
        self.reference = reference
    }

    /// Wire names are fixed here, not derived from property names, so that renaming a property cannot
    /// silently change a published contract.
    enum CodingKeys: String, CodingKey {
        case kind
        case organisationName = "organisation_name"
        case reference
    }
}
