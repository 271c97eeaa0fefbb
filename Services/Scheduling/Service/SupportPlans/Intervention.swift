import Foundation
import Models
import Postgres

/// One intervention of a support plan: what is done (from seed 003's catalogue or described
/// freely), in which area, by whom and when, and how far it has got.
struct Intervention: Sendable, Equatable {
    /// The intervention.
    var id: InterventionID
    /// Attendance, behaviour or performance.
    var area: InterventionArea
    /// The catalogue's intervention, when it is one.
    var kind: InterventionKind?
    /// What is done, in the team's words: required when there is no ``kind``, a precision otherwise.
    var description: String?
    /// The specialist of the organisation who carries it out.
    var responsibleSpecialistID: SpecialistID?
    /// Who carries it out outside the organisation (guardianship, a health centre, an NGO), when
    /// not a specialist of it.
    var responsibleName: String?
    /// The first day of it.
    var startsOn: LocalDate
    /// The last day of it.
    var endsOn: LocalDate
    /// How far it has got.
    var status: InterventionStatus

    /// The columns ``init(row:)`` reads, in order, of `scheduling.interventions i`.
    static let columns: StaticString = """
        i.id, i.area, i.kind, i.description, i.responsible_specialist_id, i.responsible_name, i.starts_on::text, i.ends_on::text, i.status
        """

    /// An intervention as stored.
    init(row: PostgresRow) throws {
        id = InterventionID(try row.decode(UUID.self, at: 0))
        area = try InterventionArea(rawValue: row.decode(String.self, at: 1)).unwrapped("intervention area")
        kind = try row.decode(String?.self, at: 2).map { try InterventionKind(rawValue: $0).unwrapped("intervention kind") }
        description = try row.decode(String?.self, at: 3)
        responsibleSpecialistID = try row.decode(UUID?.self, at: 4).map(SpecialistID.init)
        responsibleName = try row.decode(String?.self, at: 5)
        startsOn = try row.localDate(at: 6)
        endsOn = try row.localDate(at: 7)
        status = try InterventionStatus(rawValue: row.decode(String.self, at: 8)).unwrapped("intervention status")
    }
}
