import Models

/// Who is calling the staff API: one person of one organisation, in one role, as their signed
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

    /// The actor recorded in case moves and the audit log.
    var actor: String { "staff:\(subject)" }

    /// Refuses a caller whose role may not do what `action` names.
    func require(_ role: StaffRole, for action: String) throws(SchedulingRefusal) {
        guard self.role == role else { throw .forbidden(action) }
    }
}

/// What a staff member may do in their organisation.
public enum StaffRole: String, Sendable, CaseIterable, Codable {
    /// Руководитель службы: everything a specialist may do, plus assigning cases, rooms,
    /// holidays, work plans and methodical visits.
    case head
    /// A mediator, social pedagogue, psychologist, curator or class teacher: works the cases of
    /// their organisation.
    case specialist
}
