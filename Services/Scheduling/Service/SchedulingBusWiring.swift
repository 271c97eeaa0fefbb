import Bus
import Models

extension BusWiring {
    /// Scheduling on the bus: it turns referrals into cases and announces what happens to them.
    public static let scheduling = BusWiring(
        service: "scheduling",
        publishes: [
            ReferralStatusReported.self, CaseOpened.self, CaseAssigned.self, CaseStateChanged.self, CaseClosed.self, CaseOverdue.self,
            ProgrammeStarted.self, MeetingHeld.self, AgreementRecorded.self, StudentProfileRecorded.self, InterventionRecorded.self,
            PlanActivityRecorded.self, NotificationRequested.self, NotificationsWithdrawn.self,
        ],
        formerlyPublished: [PlanActivityCompleted.self],
        queues: [.init(ReferralConsumer.queue, takes: [ReferralReceived.self])]
    )
}
