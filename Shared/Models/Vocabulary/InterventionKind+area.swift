extension InterventionKind {
    /// The column of seed 003's table the intervention belongs to.
    public var area: InterventionArea {
        switch self {
        case .absenceMonitoring, .absenceNotice, .attendanceRules, .homeVisit:
            .attendance
        case .teacherRelationship, .disciplinaryProcedures, .parentMeetings, .behaviourMonitoring,
            .externalReferral:
            .behaviour
        case .differentiatedTeaching, .extraClasses, .familyLearning, .individualLearningPlan:
            .performance
        }
    }
}
