import Models

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
}
