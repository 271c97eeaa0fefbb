import Models

/// Who is calling a staff API: one person of one organisation, in one role, as their signed
/// token says. Every query a request makes is scoped to ``organisationID``; every audit record
/// names ``subject``.
public struct StaffCaller: Sendable, Equatable {
    /// The organisation (ШСП, МСП, СПЦ) the person works in.
    public var organisationID: OrganisationID
    /// What the person may do.
    public var role: StaffRole
    /// Who the person is, for the audit log: a login name or a specialist's id, never a name.
    public var subject: String
    /// The specialist the person is, when they are one.
    public var specialistID: SpecialistID?

    /// A caller.
    public init(organisationID: OrganisationID, role: StaffRole, subject: String, specialistID: SpecialistID? = nil) {
        self.organisationID = organisationID
        self.role = role
        self.subject = subject
        self.specialistID = specialistID
    }

    /// The actor recorded in audit logs: `staff:<subject>`.
    public var actor: String { "staff:\(subject)" }
}

/// What a staff member may do in their organisation.
public enum StaffRole: String, Sendable, CaseIterable, Codable {
    /// Руководитель службы: everything a specialist may do, plus assigning cases, rooms,
    /// holidays, work plans and methodical visits.
    case head
    /// A mediator, social pedagogue, psychologist, curator or class teacher: works the cases of
    /// their organisation.
    case specialist
    /// The municipal IT administrator: runs the notification channels (integrators' webhook
    /// subscriptions, test sends) and reaches no case, party or recipient.
    case administrator
}
