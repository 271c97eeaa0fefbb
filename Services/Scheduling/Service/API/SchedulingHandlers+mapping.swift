import Foundation
import Models
import SchedulingAPI

/// The domain's values as the API's documents.
extension Components.Schemas.Case {
    init(_ record: CaseRecord) {
        self.init(
            id: record.id.description, referralId: record.referralID.description, kind: Wire.term(record.kind),
            state: Components.Schemas.CaseState(rawValue: record.state.rawValue)!, outcome: record.outcome.map { Wire.term($0) },
            closingReason: record.closingReason.map { Wire.term($0) }, nature: Wire.term(record.nature), minorCount: record.minorCount, partyCount: record.partyCount,
            proposedSpecialistId: record.proposedSpecialistID?.description, specialistId: record.specialistID?.description,
            senderDeadline: record.senderDeadline?.description, referralReceivedAt: record.referralReceivedAt, openedAt: record.openedAt,
            firstContactAt: record.firstContactAt, firstContactDueAt: record.firstContactDueAt, updatedAt: record.updatedAt,
            nextStates: record.state.nextSteps.map { Components.Schemas.CaseState(rawValue: $0.rawValue)! },
            closingOutcomes: record.state.closingOutcomes.map { Wire.term($0) })
    }
}

extension Components.Schemas.WeeklyHours {
    init(_ hours: WeeklyHours) {
        self.init(weekday: hours.weekday, starts: WeeklyHours.text(hours.starts), ends: WeeklyHours.text(hours.ends))
    }
}

extension Components.Schemas.Party {
    init(_ party: Party) {
        self.init(
            id: party.id.description, role: Wire.term(party.role), fullName: party.fullName, birthDate: party.birthDate?.description,
            representsPartyId: party.representsPartyID?.description, phone: party.phone, email: party.email,
            language: Wire.term(party.language), busyHours: party.busyHours.map(Components.Schemas.WeeklyHours.init))
    }
}

extension Components.Schemas.Consent {
    init(_ consent: Consent) {
        self.init(
            id: consent.id.description, minorPartyId: consent.minorPartyID.description, givenByPartyId: consent.givenByPartyID.description,
            form: Wire.term(consent.form), scopes: consent.scopes.map { Wire.term($0) }, givenOn: consent.givenOn.description,
            recordedAt: consent.recordedAt, withdrawnOn: consent.withdrawnOn?.description, withdrawalReason: consent.withdrawalReason)
    }
}

extension Components.Schemas.Programme {
    init(_ programme: Programme) {
        self.init(id: programme.id.description, kind: Wire.term(programme.kind), startedAt: programme.startedAt, stoppedAt: programme.stoppedAt)
    }
}

extension Components.Schemas.Agreement {
    init(_ agreement: Agreement) {
        self.init(
            id: agreement.id.description, reachedOn: agreement.reachedOn.description, recordedAt: agreement.recordedAt,
            terms: agreement.terms.map {
                Components.Schemas.AgreementTerm(
                    id: $0.id.uuidString.lowercased(), description: $0.description, dueOn: $0.dueOn.description, fulfilled: $0.fulfilled,
                    checkedOn: $0.checkedOn?.description)
            })
    }
}

extension Components.Schemas.Meeting {
    init(_ meeting: Meeting) {
        self.init(
            id: meeting.id.description, caseId: meeting.caseID.description, kind: Wire.term(meeting.kind), startsAt: meeting.startsAt,
            endsAt: meeting.endsAt, roomId: meeting.roomID?.uuidString.lowercased(), specialistIds: meeting.specialistIDs.map(\.description),
            partyIds: meeting.partyIDs.map(\.description), status: Components.Schemas.MeetingStatus(rawValue: meeting.status.rawValue)!)
    }
}

extension Components.Schemas.Room {
    init(_ room: CalendarStore.Room) {
        self.init(id: room.id.uuidString.lowercased(), name: room.name, capacity: room.capacity, active: room.active)
    }
}

extension Components.Schemas.Specialist {
    init(_ specialist: CalendarStore.Specialist) {
        self.init(
            id: specialist.id.description, displayName: specialist.displayName, roles: specialist.roles.map { Wire.term($0) },
            programmeKinds: specialist.programmeKinds.map { Wire.term($0) }, maxCaseload: specialist.maxCaseload, openCases: specialist.openCases,
            active: specialist.active, workingHours: specialist.workingHours.map(Components.Schemas.WeeklyHours.init))
    }
}

extension Components.Schemas.Intervention {
    init(_ intervention: Intervention) {
        self.init(
            id: intervention.id.description, area: Wire.term(intervention.area), kind: intervention.kind.map { Wire.term($0) },
            description: intervention.description, responsibleSpecialistId: intervention.responsibleSpecialistID?.description,
            responsibleName: intervention.responsibleName, startsOn: intervention.startsOn.description, endsOn: intervention.endsOn.description,
            status: Wire.term(intervention.status))
    }
}

extension Components.Schemas.ProgressNote {
    init(_ note: ProgressNote) {
        self.init(id: note.id.description, writtenOn: note.writtenOn.description, text: note.text, author: note.author)
    }
}

extension Components.Schemas.SupportPlan {
    init(_ plan: SupportPlan) {
        self.init(
            id: plan.id.description, caseId: plan.caseID.description, startsOn: plan.startsOn.description, reviewOn: plan.reviewOn.description,
            goals: plan.goals, status: Wire.term(plan.status), interventions: plan.interventions.map(Components.Schemas.Intervention.init),
            notes: plan.notes.map(Components.Schemas.ProgressNote.init))
    }
}

extension Components.Schemas.ProfileRecord {
    init(_ record: ProfileRecord) {
        self.init(
            id: record.id.description, recordedOn: record.recordedOn.description, attendancePercent: record.attendancePercent,
            behaviour: record.behaviour, performance: record.performance, note: record.note)
    }
}

extension Components.Schemas.PlanActivity {
    init(_ activity: PlanActivity) {
        self.init(
            id: activity.id.description, title: activity.title, kind: Wire.term(activity.kind), periodStart: activity.periodStart.description,
            periodEnd: activity.periodEnd.description, responsible: activity.responsible, expectedResult: activity.expectedResult,
            done: activity.done, doneOn: activity.doneOn?.description, note: activity.note,
            cancelledOn: activity.cancelledOn?.description)
    }
}

extension Components.Schemas.WorkPlan {
    init(_ plan: WorkPlan) {
        self.init(id: plan.id.description, year: plan.year, title: plan.title, activities: plan.activities.map(Components.Schemas.PlanActivity.init))
    }
}

extension Components.Schemas.MethodologicalVisit {
    init(_ visit: MethodologicalVisit) {
        self.init(
            id: visit.id.description, schoolName: visit.schoolName, visitedOn: visit.visitedOn.description, purpose: visit.purpose,
            findings: visit.findings.map {
                .init(id: $0.id.description, finding: $0.finding, fixBy: $0.fixBy.description, fixedOn: $0.fixedOn?.description)
            },
            acknowledgedBy: visit.acknowledgedBy, acknowledgedOn: visit.acknowledgedOn?.description)
    }
}
