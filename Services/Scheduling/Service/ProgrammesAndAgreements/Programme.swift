import Foundation
import Models

/// The restorative programme a case runs.
public struct Programme: Sendable, Equatable {
    /// The programme.
    public var id: ProgrammeID
    /// Which of the nine kinds.
    public var kind: ProgrammeKind
    /// When it began.
    public var startedAt: Date
    /// When a withdrawn consent or the case's closing stopped it.
    public var stoppedAt: Date?
}

/// Примирительный договор: what the parties agreed, term by term.
public struct Agreement: Sendable, Equatable {
    /// One undertaking, due by a day, checked as kept or not.
    public struct Term: Sendable, Equatable {
        /// The term.
        public var id: UUID
        /// What was undertaken.
        public var description: String
        /// By when.
        public var dueOn: LocalDate
        /// Whether it was kept, once checked.
        public var fulfilled: Bool?
        /// The day it was checked.
        public var checkedOn: LocalDate?
    }

    /// The agreement.
    public var id: AgreementID
    /// The day it was reached.
    public var reachedOn: LocalDate
    /// When it was entered.
    public var recordedAt: Date
    /// Its terms, in order.
    public var terms: [Term]
}
