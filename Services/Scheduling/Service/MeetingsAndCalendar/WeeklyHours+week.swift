extension Array<WeeklyHours> {
    /// The windows as one week: sorted, a window given twice kept once.
    ///
    /// - Throws: ``SchedulingRefusal`` `overlapping` at `pointer` when two windows of one weekday
    ///   overlap (stored, they would also collide on the table's key of weekday and start).
    func week(at pointer: String) throws(SchedulingRefusal) -> [WeeklyHours] {
        let hours = Array(Set(self)).sorted()
        for (index, window) in hours.enumerated().dropFirst() where hours[index - 1].weekday == window.weekday && hours[index - 1].ends > window.starts {
            throw .invalid(pointer, code: "overlapping", "Windows of one weekday must not overlap.", "Интервалы одного дня недели не должны пересекаться.")
        }
        return hours
    }
}
