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
