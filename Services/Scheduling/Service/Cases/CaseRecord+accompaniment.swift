import Models

extension CaseRecord {
    /// Refuses unless the case is an accompaniment still open: support plans and the student
    /// profile are seed 003's procedure, and a closed case takes no more writes.
    func requireOpenAccompaniment() throws(SchedulingRefusal) {
        guard kind == .accompaniment else {
            throw SchedulingRefusal(
                .conflict, code: "not_accompaniment", message: "Only an accompaniment case has support plans and a student profile.",
                messageRu: "Индивидуальный план поддержки и профиль ученика ведутся только в деле социального сопровождения.")
        }
        guard !state.isClosed else {
            let closed = CaseMoveRefusal.caseClosed
            throw SchedulingRefusal(.conflict, code: closed.code, message: closed.message, messageRu: closed.messageRu)
        }
    }
}
