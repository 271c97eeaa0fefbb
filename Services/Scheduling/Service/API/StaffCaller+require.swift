import StaffAccess

extension StaffCaller {
    /// Refuses a caller whose role may not do what `action` names.
    func require(_ role: StaffRole, for action: String) throws(SchedulingRefusal) {
        guard self.role == role else { throw .forbidden(action) }
    }
}
