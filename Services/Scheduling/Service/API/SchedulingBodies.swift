import SchedulingAPI
import ServiceRuntime

extension RequestBodies {
    /// The body of every scheduling operation that takes one, so that a body the generated
    /// server refuses is answered with all its problems (see ``StaffGate``).
    /// `SchedulingBodiesTests` holds this list to the OpenAPI document.
    static let scheduling = RequestBodies([
        .json(Operations.MoveCase.id, Operations.MoveCase.Input.Body.json),
        .json(Operations.AssignCase.id, Operations.AssignCase.Input.Body.json),
        .json(Operations.AddParty.id, Operations.AddParty.Input.Body.json),
        .json(Operations.RecordConsent.id, Operations.RecordConsent.Input.Body.json),
        .json(Operations.WithdrawConsent.id, Operations.WithdrawConsent.Input.Body.json),
        .json(Operations.StartProgramme.id, Operations.StartProgramme.Input.Body.json),
        .json(Operations.RecordAgreement.id, Operations.RecordAgreement.Input.Body.json),
        .json(Operations.CheckAgreementTerm.id, Operations.CheckAgreementTerm.Input.Body.json),
        .json(Operations.BookMeeting.id, Operations.BookMeeting.Input.Body.json),
        .json(Operations.RescheduleMeeting.id, Operations.RescheduleMeeting.Input.Body.json),
        .json(Operations.CancelMeeting.id, Operations.CancelMeeting.Input.Body.json),
        .json(Operations.RecordMeetingHeld.id, Operations.RecordMeetingHeld.Input.Body.json),
        .json(Operations.FindSlots.id, Operations.FindSlots.Input.Body.json),
        .json(Operations.AddRoom.id, Operations.AddRoom.Input.Body.json),
        .json(Operations.SetWorkingHours.id, Operations.SetWorkingHours.Input.Body.json),
        .json(Operations.SetHoliday.id, Operations.SetHoliday.Input.Body.json),
        .json(Operations.CreateSupportPlan.id, Operations.CreateSupportPlan.Input.Body.json),
        .json(Operations.AddIntervention.id, Operations.AddIntervention.Input.Body.json),
        .json(Operations.SetInterventionStatus.id, Operations.SetInterventionStatus.Input.Body.json),
        .json(Operations.AddProgressNote.id, Operations.AddProgressNote.Input.Body.json),
        .json(Operations.CompleteSupportPlan.id, Operations.CompleteSupportPlan.Input.Body.json),
        .json(Operations.RecordProfile.id, Operations.RecordProfile.Input.Body.json),
        .json(Operations.CreateWorkPlan.id, Operations.CreateWorkPlan.Input.Body.json),
        .json(Operations.AddPlanActivity.id, Operations.AddPlanActivity.Input.Body.json),
        .json(Operations.CompletePlanActivity.id, Operations.CompletePlanActivity.Input.Body.json),
        .json(Operations.ReplanPlanActivity.id, Operations.ReplanPlanActivity.Input.Body.json),
        .json(Operations.RecordMethodologicalVisit.id, Operations.RecordMethodologicalVisit.Input.Body.json),
        .json(Operations.AcknowledgeMethodologicalVisit.id, Operations.AcknowledgeMethodologicalVisit.Input.Body.json),
    ])
}
