import ServiceRuntime

/// The authenticated caller of the request being handled, set by ``StaffGate``: the generated
/// handlers see only decoded input.
enum StaffRequest {
    @TaskLocal static var caller: StaffCaller?

    /// The caller; a route reached without the gate is answered as unauthenticated, never served unscoped.
    static func required() throws -> StaffCaller {
        guard let caller else { throw APIProblem.staffUnauthenticated }
        return caller
    }
}
