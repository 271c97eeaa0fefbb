import ServiceRuntime

/// The authenticated caller of the request being handled, set by ``StaffGate``: the generated
/// handlers see only decoded input.
public enum StaffRequest {
    /// The caller, inside a request that passed the gate.
    @TaskLocal public static var caller: StaffCaller?

    /// The caller; a route reached without the gate is answered as unauthenticated, never served unscoped.
    public static func required() throws -> StaffCaller {
        guard let caller else { throw APIProblem.staffUnauthenticated }
        return caller
    }
}
