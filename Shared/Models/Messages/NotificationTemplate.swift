/// The templates notifications renders (`Services/Notifications/Service/Templates/<language>/<name>.mustache`),
/// named by every producer through this type rather than by a string, so a template nobody sends
/// or a name nobody renders shows in a test, not in a dead letter.
public enum NotificationTemplate: String, CaseIterable, Sendable {
    /// To a specialist a case was given to (notifications, on `case.assigned.v1`).
    case caseAssigned = "case_assigned"
    /// To the specialist of a case whose deadline passed (scheduling's deadline sweep).
    case caseOverdue = "case_overdue"
    /// To a party and the specialists of a booked meeting (scheduling).
    case meetingInvitation = "meeting_invitation"
    /// Ahead of a meeting, to the same people (scheduling, with the booking).
    case meetingReminder = "meeting_reminder"
    /// To a school service that has not submitted its quarterly report (monitoring's reminder sweep).
    case quarterlyReportDue = "quarterly_report_due"
    /// To an integrator's contact: its referral was received (notifications, on `referral.status_changed.v1`).
    case referralReceived = "referral_received"
    /// To an integrator's contact: its referral moved on (notifications, on `referral.status_changed.v1`).
    case referralStatusChanged = "referral_status_changed"
    /// The administrator's test of a channel (`POST /v1/test-sends`).
    case testMessage = "test_message"
}
