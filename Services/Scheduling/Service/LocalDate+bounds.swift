import Models

/// The bounds scheduling.yaml puts on request dates ("not before …", "not in the future"),
/// each refused as a 422 naming the field.
extension LocalDate {
    /// Refuses this date, the request's field at `pointer`, when it falls before `earliest`: an
    /// end before its start, a signature before the visit.
    ///
    /// - Parameters:
    ///   - code: The refusal's code, `before_start` or `before_visit`.
    ///   - what: The earliest day's name in English, for the message.
    ///   - whatRu: The same in Russian (genitive: «раньше …»).
    func require(notBefore earliest: LocalDate, at pointer: String, code: String, _ what: String, _ whatRu: String) throws(SchedulingRefusal) {
        guard self >= earliest else {
            throw .invalid(pointer, code: code, "Cannot be before \(what).", "Не может быть раньше \(whatRu).")
        }
    }

    /// Refuses this date, the request's field at `pointer`, when it is after `today`: something
    /// recorded as done (a note written, a measure taken, an agreement reached) has happened.
    ///
    /// - Parameter today: Today in the organisation's calendar (``OrganisationCalendar/today(of:in:now:)``),
    ///   not UTC's: in Asia/Almaty a day starts five hours before it does in UTC.
    /// - Throws: ``SchedulingRefusal`` `in_future` at `pointer`.
    func require(notAfter today: LocalDate, at pointer: String) throws(SchedulingRefusal) {
        guard self <= today else {
            throw .invalid(pointer, code: "in_future", "Cannot be after today.", "Не может быть позже сегодняшнего дня.")
        }
    }
}
