import Foundation
import Models
import Postgres

/// A dated note on how a support plan is going, as the team's monitoring meetings find it.
struct ProgressNote: Sendable, Equatable {
    /// The note.
    var id: ProgressNoteID
    /// The day it speaks of.
    var writtenOn: LocalDate
    /// What was noted.
    var text: String
    /// Who wrote it: the staff member's login or specialist id, as the audit log names people.
    var author: String

    /// The columns ``init(row:)`` reads, in order, of `scheduling.progress_notes n`.
    static let columns: StaticString = "n.id, n.written_on::text, n.text, n.author"

    /// A note as stored.
    init(row: PostgresRow) throws {
        id = ProgressNoteID(try row.decode(UUID.self, at: 0))
        writtenOn = try row.localDate(at: 1)
        text = try row.decode(String.self, at: 2)
        author = try row.decode(String.self, at: 3)
    }
}
